/**
 * Text for the diagram's XML. Table and column names come from code, but a name is only a string to Drizzle: it may
 * hold `<`, `&`, quotes, control characters or lone surrogates, and the SVG must stay well-formed and inert whatever
 * it holds (an SVG opened in a browser runs what it contains).
 */

/** Is this code point a Char of XML 1.0 (tab, line feed, carriage return, and the rest above the C0 controls)? */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** The string with every character XML cannot carry (controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  let out = "";
  // By code point: a surrogate pair arrives whole, a lone surrogate alone (and is replaced).
  for (const char of text) out += isXmlChar(char.codePointAt(0) ?? 0) ? char : "\ufffd";
  return out;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escaped for element text and for double- or single-quoted attribute values alike. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
