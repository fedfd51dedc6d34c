/**
 * Thumbnail sizes as definitions and URLs write them (PocketBase's format), parsed without sharp so definitions,
 * `meta` and the browser can check them: "WxH" crops to exactly WxH from the centre, "WxHt" from the top, "WxHb"
 * from the bottom, "WxHf" fits inside WxH, "0xH" and "Wx0" keep the aspect ratio.
 */
export type ThumbSize = `${number}x${number}` | `${number}x${number}${"t" | "b" | "f"}`;

export interface ParsedThumb {
  width: number;
  height: number;
  mode: "center" | "top" | "bottom" | "fit";
}

/** Larger thumbnails are no thumbnails: this bounds the work one request can ask for. */
export const MAX_THUMB_SIDE = 4000;

const SIZE = /^(0|[1-9]\d{0,3})x(0|[1-9]\d{0,3})([tbf]?)$/;
const MODES = { "": "center", t: "top", b: "bottom", f: "fit" } as const;

export function parseThumbSize(size: string): ParsedThumb | null {
  const match = SIZE.exec(size);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const mode = MODES[match[3] as keyof typeof MODES];
  if (width > MAX_THUMB_SIDE || height > MAX_THUMB_SIDE || (width === 0 && height === 0)) return null;
  // One side 0 means "keep the aspect ratio": no crop, so no crop mode; refusing "0x100f" also keeps one spelling
  // (one cache entry) per thumbnail.
  if ((width === 0 || height === 0) && match[3] !== "") return null;
  return { width, height, mode: width === 0 || height === 0 ? "fit" : mode };
}
