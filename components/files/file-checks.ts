/**
 * The browser's look at a file before sending it: its size and its stated type against the field's limits, worded
 * as the upload route words its refusals (server/core/files/upload.ts), so a file refused here reads the same as one
 * refused there. The browser only knows the type from the name; the server judges the content, and has the last word.
 */
import type { FileDescriptor } from "@/server/core/files/options";
import { accepts, fileRefusal } from "@/server/core/files/wording";

/** Why this file cannot go into the field, or null when it may be sent. `label` is the field's own label. */
export function fileProblem(
  descriptor: Pick<FileDescriptor, "accept" | "maxSize">,
  label: string,
  file: Pick<File, "size" | "type">,
): string | null {
  if (file.size > descriptor.maxSize) return fileRefusal.tooLarge(label, descriptor.maxSize);
  if (file.size === 0) return fileRefusal.empty(label);
  // An unknown type (no extension the browser knows) is the server's to judge from the content.
  if (file.type && !accepts(descriptor.accept, file.type)) {
    return fileRefusal.wrongType(label, descriptor.accept, file.type);
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
