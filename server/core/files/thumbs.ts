/**
 * Thumbnails with PocketBase's size strings (decision 017), made with sharp from untrusted uploads, so every decode
 * is bounded: a pixel limit, errors fail, one frame, and only raster formats are ever decoded.
 *
 * Output keeps PNG, JPEG and WebP sources in their own format (no surprise in transparency or quality). GIF, AVIF and
 * TIFF become WebP: a GIF's first frame would lose colours to a palette, AVIF encoding is too slow for a request path,
 * and browsers cannot show TIFF; WebP is fast, small, keeps alpha and every current browser shows it.
 *
 * `fit`, `0xH` and `Wx0` never enlarge (a bigger blurry copy helps nobody); the crop modes always give exactly WxH,
 * enlarging a small source, because they are used to fill fixed boxes in layouts.
 */
import "server-only";
import sharp, { type FormatEnum, type Sharp } from "sharp";
import { type ParsedThumb, parseThumbSize, type ThumbSize } from "./thumb-size";

export { MAX_THUMB_SIDE, type ThumbSize } from "./thumb-size";
export type Thumb = ParsedThumb;
export type ThumbMode = ParsedThumb["mode"];

/** Largest source decoded, in pixels: 50 megapixels is above any phone photo, below a decompression bomb. */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Sniffed source types that get thumbnails. Never SVG: untrusted SVG is not rasterised. */
export const THUMBABLE: ReadonlySet<string> = new Set([
  "image/png",
  "image/apng",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "image/avif",
  "image/tiff",
]);

// The decoders allowed to run, checked against the content itself: a caller's wrong type must not reach librsvg.
const RASTER_FORMATS = new Set<keyof FormatEnum>(["png", "jpeg", "webp", "gif", "heif", "tiff"]);

/** A size string's meaning, or null unless it is one of PocketBase's forms within `MAX_THUMB_SIDE`. */
export const parseThumb = parseThumbSize;

/** The canonical size string of a thumbnail: `formatThumb(parseThumb(s))` is `s` for every valid `s`. */
export function formatThumb({ width, height, mode }: Thumb): ThumbSize {
  if (width === 0 || height === 0 || mode === "center") return `${width}x${height}`;
  return `${width}x${height}${mode === "top" ? "t" : mode === "bottom" ? "b" : "f"}`;
}

function open(source: string | Buffer): Sharp {
  return sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn: "error", pages: 1 });
}

/** Width and height as displayed (after EXIF orientation); null if not a decodable raster within the pixel limit. */
export async function imageInfo(source: string | Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await open(source).metadata();
    // sharp's loaders already refuse oversize headers; this keeps the promise for any loader that does not.
    if (!RASTER_FORMATS.has(meta.format) || meta.width * meta.height > MAX_INPUT_PIXELS) return null;
    return { width: meta.autoOrient.width, height: meta.autoOrient.height };
  } catch {
    return null;
  }
}

/**
 * Whether the whole image decodes, not just its header: an upload cut short or padded with garbage has a valid
 * header and dimensions, and would fail only later, in every thumbnail and in the reader's browser. Decoding into
 * an 8x8 shrink keeps the cost to one pass over the pixels (within MAX_INPUT_PIXELS).
 */
export async function decodesWhole(source: string | Buffer): Promise<boolean> {
  try {
    const image = open(source);
    const meta = await image.metadata();
    if (!meta.format || !RASTER_FORMATS.has(meta.format)) return false;
    await image.resize(8, 8, { fit: "inside" }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * The thumbnail of an image at a size string, or null when the size is invalid, the type is not thumbable or the
 * content cannot be decoded (the caller then serves no thumbnail; a failure here is never worth a 500).
 */
export async function makeThumb(
  source: string | Buffer,
  size: string,
  sourceType: string,
): Promise<{ data: Buffer; type: string; width: number; height: number } | null> {
  const thumb = parseThumb(size);
  if (!thumb || !THUMBABLE.has(sourceType)) return null;
  try {
    const image = open(source);
    const meta = await image.metadata();
    if (!RASTER_FORMATS.has(meta.format)) return null;
    // Metadata is dropped by default; rotate() applies the EXIF orientation first so nothing is lost with it.
    resize(image.rotate(), thumb);
    const type = outputType(sourceType);
    image.toFormat(type === "image/png" ? "png" : type === "image/jpeg" ? "jpeg" : "webp");
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { data, type, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

function resize(image: Sharp, { width, height, mode }: Thumb): void {
  if (width === 0) image.resize({ height, withoutEnlargement: true });
  else if (height === 0) image.resize({ width, withoutEnlargement: true });
  else if (mode === "fit") image.resize({ width, height, fit: "inside", withoutEnlargement: true });
  else image.resize({ width, height, fit: "cover", position: mode === "center" ? "centre" : mode });
}

function outputType(sourceType: string): string {
  if (sourceType === "image/jpeg" || sourceType === "image/webp") return sourceType;
  return sourceType === "image/png" || sourceType === "image/apng" ? "image/png" : "image/webp";
}
