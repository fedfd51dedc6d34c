/**
 * How a file is judged against a field's limits, and how a refusal is worded: one module for the upload routes and
 * the browser's own check before sending (components/files/file-checks.ts), so a file refused in the browser reads
 * exactly as one refused by the server. Browser-safe: it imports nothing.
 */

/** "Image/PNG; charset=x" -> "image/png". */
export function essence(type: string): string {
  return (type.split(";", 1)[0] ?? "").trim().toLowerCase();
}

/** Whether a field's `accept` list admits a type: exact types and `family/*`; no list (or an empty one) admits all. */
export function accepts(accept: readonly string[] | undefined, type: string): boolean {
  if (!accept || accept.length === 0) return true;
  const actual = essence(type);
  const family = actual.slice(0, actual.indexOf("/") + 1);
  return accept.some((entry) => {
    const wanted = essence(entry);
    if (wanted === "*/*" || wanted === actual) return true;
    return family !== "" && wanted.endsWith("/*") && wanted.slice(0, -1) === family;
  });
}

/** "image files, application/pdf": what a field accepts, as its refusals name it. */
export function describeAccept(accept: readonly string[] | undefined): string {
  if (!accept?.length) return "any file";
  return accept.map((t) => (t.endsWith("/*") ? `${t.slice(0, -2)} files` : t)).join(", ");
}

/** A file size as people read it ("10 MB", "1.5 KB", "512 bytes"), in powers of 1024. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** The refusals both sides give; `label` is the field's own label. */
export const fileRefusal = {
  tooLarge: (label: string, maxSize: number) => `${label} takes files up to ${formatBytes(maxSize)}.`,
  empty: (label: string) => `${label}: the file is empty.`,
  wrongType: (label: string, accept: readonly string[] | undefined, type: string) =>
    `${label} accepts ${describeAccept(accept)}; this file is ${essence(type)}.`,
};
