"use client";
/**
 * A file field in a table row or a record card: a small thumbnail for an image (the field's smallest declared
 * size, loaded lazily), otherwise the file's icon and name; a list shows its first file and "+N". Never taller than
 * a line of text, so rows keep their height.
 */
import { FileIcon } from "@/components/files/file-icon";
import { fileUrl, smallestThumb } from "@/components/files/file-url";
import { isImageFile, storedFiles } from "@/components/files/stored-file";
import { initialsOf } from "@/components/files/user-avatar";
import type { FieldDescriptor } from "@/components/form/field-kinds";
import { cn } from "@/components/ui/cn";

export function FileCell({
  resource,
  recordId,
  field,
  value,
  className,
}: {
  resource: string;
  recordId: string;
  field: Pick<FieldDescriptor, "name" | "file">;
  value: unknown;
  className?: string;
}) {
  const files = storedFiles(value);
  const first = files[0];
  if (!first) return null;
  const thumb = smallestThumb(field.file?.thumbs);
  const image = isImageFile(first) && thumb !== undefined;
  const rest = files.length - 1;
  const all = files.map((f) => f.name).join(", ");
  return (
    <span className={cn("flex min-w-0 items-center gap-1.5", className)} title={all}>
      {image ? (
        // biome-ignore lint/performance/noImgElement: the files route makes the thumbnail; next/image would resize it again.
        <img
          src={fileUrl({ resource, recordId, field: field.name, file: first, thumb })}
          alt={first.name}
          loading="lazy"
          decoding="async"
          width={20}
          height={20}
          // A line of text high (the cell clips anything taller): the row keeps its height.
          className="size-5 shrink-0 rounded-sm bg-zinc-100 object-cover dark:bg-zinc-800"
        />
      ) : (
        <>
          <FileIcon type={first.type} className="size-4" />
          <span className="min-w-0 truncate">{first.name}</span>
        </>
      )}
      {rest > 0 ? (
        <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          +{rest}
          <span className="sr-only"> more</span>
        </span>
      ) : null}
    </span>
  );
}

/**
 * A card's picture beside its title (an avatar, a cover): the field's smallest thumbnail, or the title's initials
 * on a tinted square when the record has none, so titles line up from card to card.
 */
export function CardMedia({
  resource,
  recordId,
  field,
  value,
  title,
}: {
  resource: string;
  recordId: string;
  field: Pick<FieldDescriptor, "name" | "file">;
  value: unknown;
  title: string;
}) {
  const first = storedFiles(value)[0];
  const thumb = smallestThumb(field.file?.thumbs);
  const box = "flex size-8 shrink-0 items-center justify-center overflow-hidden rounded-md";
  if (first && isImageFile(first)) {
    return (
      // biome-ignore lint/performance/noImgElement: the files route makes the thumbnail; next/image would resize it again.
      <img
        src={fileUrl({ resource, recordId, field: field.name, file: first, thumb })}
        alt={first.name}
        loading="lazy"
        decoding="async"
        width={32}
        height={32}
        className={cn(box, "bg-zinc-100 object-cover dark:bg-zinc-800")}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={cn(box, "bg-zinc-100 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300")}
    >
      {initialsOf(title)}
    </span>
  );
}
