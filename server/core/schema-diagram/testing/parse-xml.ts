/**
 * A strict XML parser for the diagram's tests: it accepts well-formed XML 1.0 as the diagram writes it (a prolog,
 * elements, attributes, text, the five named entities and character references) and throws on anything else, so a
 * missed escape fails a test instead of passing a lenient HTML-style parser. No DTDs, comments or CDATA: the diagram
 * writes none.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** Anything outside XML 1.0's Char production (with the u flag, a lone surrogate is a character of its own). */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & near ${at}`);
    if (NAMED[ref] !== undefined) return NAMED[ref];
    const code = /^#x[0-9a-f]+$/i.test(ref)
      ? Number.parseInt(ref.slice(2), 16)
      : /^#[0-9]+$/.test(ref)
        ? Number(ref.slice(1))
        : Number.NaN;
    if (Number.isNaN(code) || code > 0x10ffff) throw new Error(`unknown entity ${match} near ${at}`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(text: string): XmlElement {
  if (NOT_XML.test(text) || !text.isWellFormed()) throw new Error("a character XML forbids");
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) return fail("expected a name");
    i += match[0].length;
    return match[0];
  };

  const element = (): XmlElement => {
    if (text[i] !== "<") fail("expected <");
    i++;
    const node: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith("/>", i)) {
        i += 2;
        return node;
      }
      if (text[i] === ">") {
        i++;
        break;
      }
      if (i === before) fail("expected space before an attribute");
      const key = name();
      if (Object.hasOwn(node.attributes, key)) fail(`duplicate attribute ${key}`);
      if (text[i] !== "=") fail("expected =");
      const quote = text[++i];
      if (quote !== '"' && quote !== "'") return fail("expected a quoted value");
      const end = text.indexOf(quote, ++i);
      if (end < 0) fail("unterminated attribute");
      const raw = text.slice(i, end);
      if (raw.includes("<")) fail("< in an attribute value");
      node.attributes[key] = decode(raw, i);
      i = end + 1;
    }
    for (;;) {
      const next = text.indexOf("<", i);
      if (next < 0) fail(`unclosed <${node.name}>`);
      const raw = text.slice(i, next);
      if (raw.includes("]]>")) fail("]]> in text");
      if (raw.length > 0) node.children.push(decode(raw, i));
      i = next;
      if (text.startsWith("</", i)) {
        i += 2;
        if (name() !== node.name) fail(`mismatched </…> for <${node.name}>`);
        skipSpace();
        if (text[i] !== ">") fail("expected >");
        i++;
        return node;
      }
      if (text.startsWith("<!", i) || text.startsWith("<?", i)) fail("markup the diagram never writes");
      node.children.push(element());
    }
  };

  if (text.startsWith("<?xml", 0)) {
    const end = text.indexOf("?>");
    if (end < 0) fail("unterminated prolog");
    i = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== text.length) fail("content after the root element");
  return root;
}

/** Every element of the tree, depth first. */
export function* elements(node: XmlElement): Generator<XmlElement> {
  yield node;
  for (const child of node.children) if (typeof child !== "string") yield* elements(child);
}

/** The element's text, its descendants' included. */
export function textOf(node: XmlElement): string {
  return node.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}
