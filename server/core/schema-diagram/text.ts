/**
 * How wide a line of the diagram is, without a browser: the diagram is drawn in a monospace font, so a width is a
 * count of character cells (two for East Asian wide characters and emoji), times the cell width of the font size.
 * Generous cell widths keep text inside its box in every common monospace font.
 */

/** Cell width per pixel of font size: most monospace fonts are 0.55-0.61 em wide. */
const CELL_EM = 0.62;

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function cellsOf(char: string): number {
  return isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
}

/** Character cells the text takes. */
export function cells(text: string): number {
  let total = 0;
  for (const char of text) total += cellsOf(char);
  return total;
}

/** Pixels the text takes at this font size. */
export function textWidth(text: string, fontSize: number): number {
  return cells(text) * fontSize * CELL_EM;
}

/** The text cut to at most `max` cells, ending in "…" when cut; the full text goes in the text alternative. */
export function truncate(text: string, max: number): string {
  if (cells(text) <= max) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const width = cellsOf(char);
    if (used + width > max - 1) break;
    out += char;
    used += width;
  }
  return `${out}…`;
}
