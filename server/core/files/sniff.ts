/**
 * What an uploaded file is, judged from its bytes rather than its name or the client's word (decision 017), and the
 * helpers that make its name and type safe to store and serve.
 *
 * Observed with file-type 21.3: HTML is never detected (it becomes "text/plain" here), and neither is an SVG without
 * an XML declaration (also "text/plain"). Anything starting with `<?xml`, SVG and XHTML included, is reported as
 * "application/xml"; it is kept as such, never upgraded to "image/svg+xml", and the serve path treats it as unsafe
 * inline. A text file starting with "BM" is reported as "image/bmp" on those two bytes alone, so a BMP is believed only
 * when its DIB header size is one the format defines.
 */
import { fileTypeFromBuffer } from "file-type";
import { essence } from "./wording";

/** How many leading bytes callers pass to `sniffType`: what file-type needs to recognise every format it knows. */
export const SNIFF_BYTES = 4100;

const TEXT = "text/plain";
const BINARY = "application/octet-stream";

// Tab, LF, FF, CR and ESC (ANSI colours in logs) occur in real text files; any other C0 byte means binary.
const ALLOWED_C0 = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

// BITMAPCOREHEADER, BITMAPINFOHEADER, the two Adobe variants, OS/2 v2, V4 and V5.
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** The MIME type of a file from its first bytes (up to `SNIFF_BYTES`). */
export async function sniffType(head: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found && (found.mime !== "image/bmp" || isBmp(head))) return found.mime;
  return isText(head) ? TEXT : BINARY;
}

function isBmp(head: Uint8Array): boolean {
  if (head.length < 18) return false;
  const dibSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(14, true);
  return BMP_DIB_SIZES.has(dibSize);
}

function isText(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte < 0x20 && !ALLOWED_C0.has(byte)) return false;
  }
  try {
    // `stream: true` holds back a character cut by the end of the head instead of calling it malformed.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export const MAX_NAME_LENGTH = 200;
// Longer "extensions" are more likely the tail of a dotted name; those are simply cut.
const EXTENSION = /\.[^.\s]{1,16}$/;
// C0, DEL, C1, and the bidi embeddings, overrides and isolates that make "txt.exe" display as "exe.txt".
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// A lone surrogate cannot be encoded as UTF-8 (encodeURIComponent throws on one).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const END_DOTS_SPACES = /^[.\s]+|[.\s]+$/g;

/** The uploader's file name made safe to store, display and send in Content-Disposition. Idempotent. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base
    .replace(LONE_SURROGATE, "\ufffd")
    // Whitespace first, so a tab or newline between words becomes a space rather than gluing them together.
    .replace(/\s+/g, " ")
    .replace(UNSAFE_CHARS, "")
    .replace(/\s+/g, " ")
    .replace(END_DOTS_SPACES, "");
  if (clean.length <= MAX_NAME_LENGTH) return clean || "file";
  const extension = clean.match(EXTENSION)?.[0] ?? "";
  const stem = cut(clean.slice(0, clean.length - extension.length), MAX_NAME_LENGTH - extension.length);
  return stem.replace(END_DOTS_SPACES, "") + extension;
}

/** At most `length` UTF-16 units, never splitting a surrogate pair. */
function cut(text: string, length: number): string {
  const head = text.slice(0, length);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/** A Content-Disposition value (RFC 6266): an ASCII `filename` for old clients and the exact UTF-8 `filename*`. */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const safe = safeFileName(name);
  // RFC 6266 appendix D: some clients percent-decode `filename`, so "%" is replaced there too.
  const ascii = safe.replace(/[^\x20-\x7e]|%/g, "_").replace(/["\\]/g, "\\$&");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// Rasters browsers display without running anything. APNG is file-type's name for an animated PNG.
const INLINE_TYPES = new Set([
  "image/png",
  "image/apng",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "image/x-icon",
  "image/vnd.microsoft.icon",
  "application/pdf",
  "text/plain",
]);

/**
 * Whether a file of this type may be shown inline in the browser. SVG, HTML and XML can carry scripts and are
 * always attachments; so is anything unknown.
 */
export function isInlineSafe(type: string): boolean {
  const actual = essence(type);
  return INLINE_TYPES.has(actual) || actual.startsWith("audio/") || actual.startsWith("video/");
}
