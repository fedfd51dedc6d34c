/**
 * The browser's look at a file before sending it: its size and its stated type against the field's limits, worded
 * as the upload route words its refusals (server/core/files/upload.ts), so a file refused here reads the same as one
 * refused there. The browser only knows the type from the name; the server judges the content, and has the last word.
 */
import { formatBytes } from "@/components/format/bytes";
import type { FileDescriptor } from "@/server/core/files/options";

/** "Image/PNG; charset=x" -> "image/png". */
const essence = (type: string) => (type.split(";", 1)[0] ?? "").trim().toLowerCase();

/** Whether `accept` admits a type: exact types and `family/*`; no list admits all (as server/core/files/sniff.ts). */
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

/** "image files, application/pdf": how the upload route names what a field accepts. */
export function describeAccept(accept: readonly string[] | undefined): string {
  if (!accept?.length) return "any file";
  return accept.map((t) => (t.endsWith("/*") ? `${t.slice(0, -2)} files` : t)).join(", ");
}

/** Why this file cannot go into the field, or null when it may be sent. `label` is the field's own label. */
export function fileProblem(
  descriptor: Pick<FileDescriptor, "accept" | "maxSize">,
  label: string,
  file: Pick<File, "size" | "type">,
): string | null {
  if (file.size > descriptor.maxSize) return `${label} takes files up to ${formatBytes(descriptor.maxSize)}.`;
  if (file.size === 0) return `${label}: the file is empty.`;
  // An unknown type (no extension the browser knows) is the server's to judge from the content.
  if (file.type && !accepts(descriptor.accept, file.type)) {
    return `${label} accepts ${describeAccept(descriptor.accept)}; this file is ${essence(file.type)}.`;
  }
  return null;
}

/** The `accept` attribute of the file input, so the browser's picker offers the right files first. */
export function acceptAttribute(accept: readonly string[] | undefined): string | undefined {
  return accept?.length ? accept.join(",") : undefined;
}

/** How many more files a field takes: `multiple` minus those it holds and those on their way; 1 for a single file. */
export function roomFor(multiple: number | undefined, held: number): number {
  return multiple === undefined ? 1 : Math.max(0, multiple - held);
}
