/**
 * Where the files route serves a stored file (server/core/files/serve.ts):
 * `/api/files/<resource>/<recordId>/<field>/<fileId>/<name>[?thumb=WxH][&download=1][&token=]`. The file id makes the
 * address immutable (a replaced file gets a new one); the name is only for the reader and the saved file's name.
 */
import type { StoredFile } from "./stored-file";

export interface FileUrlOptions {
  resource: string;
  recordId: string;
  field: string;
  file: Pick<StoredFile, "id" | "name">;
  /** One of the sizes the field declares ("64x64"); others are refused by the route. */
  thumb?: string;
  /** Ask for `Content-Disposition: attachment` even for a type the browser could show. */
  download?: boolean;
  /** A `files.token()` for a protected file where no cookie goes (an email, another origin). */
  token?: string;
}

export function fileUrl({ resource, recordId, field, file, thumb, download, token }: FileUrlOptions): string {
  const path = [resource, recordId, field, file.id, file.name].map(encodeURIComponent).join("/");
  const query = new URLSearchParams();
  if (thumb) query.set("thumb", thumb);
  if (download) query.set("download", "1");
  if (token) query.set("token", token);
  const search = query.toString();
  return `/api/files/${path}${search ? `?${search}` : ""}`;
}

/** A thumbnail size's sides; a "0" side (keep the aspect ratio) counts as long as the other. */
function sides(size: string): [number, number] {
  const match = /^(\d+)x(\d+)/.exec(size);
  if (!match) return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const [w, h] = [Number(match[1]), Number(match[2])];
  return [w || h, h || w];
}

const area = (size: string) => {
  const [w, h] = sides(size);
  return w * h;
};

/** The smallest thumbnail a field declares (what a table cell or a list shows), if any. */
export function smallestThumb(thumbs: readonly string[] | undefined): string | undefined {
  return [...(thumbs ?? [])].sort((a, b) => area(a) - area(b))[0];
}

/** The smallest thumbnail a field declares that is at least `px` wide (a sharp preview), else its largest. */
export function thumbAtLeast(thumbs: readonly string[] | undefined, px: number): string | undefined {
  const sorted = [...(thumbs ?? [])].sort((a, b) => area(a) - area(b));
  return sorted.find((size) => sides(size)[0] >= px) ?? sorted[sorted.length - 1];
}
