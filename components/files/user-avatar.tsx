import { cn } from "@/components/ui/cn";
import { fileUrl } from "./file-url";
import type { StoredFile } from "./stored-file";

/** "Ada Lovelace" -> "AL"; one word -> its first letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((w) => Array.from(w ?? "")[0]?.toUpperCase() ?? "").join("") || "?";
}

/**
 * A user's picture: the avatar's 64x64 thumbnail, or their initials on a tinted disc when they have none.
 * Decorative by default (the name is always written beside it); pass `label` where it stands alone.
 */
export function UserAvatar({
  user,
  className,
  label,
}: {
  user: { id: string; name: string; avatar?: StoredFile | null };
  className?: string;
  label?: string;
}) {
  const base = cn("inline-flex size-7 shrink-0 items-center justify-center overflow-hidden rounded-full", className);
  if (user.avatar) {
    const src = fileUrl({ resource: "users", recordId: user.id, field: "avatar", file: user.avatar, thumb: "64x64" });
    return (
      // biome-ignore lint/performance/noImgElement: the files route makes the thumbnail; next/image would resize it again.
      <img
        src={src}
        alt={label ?? ""}
        width={64}
        height={64}
        className={cn(base, "bg-zinc-100 object-cover dark:bg-zinc-800")}
      />
    );
  }
  const initials = cn(
    base,
    "bg-indigo-100 text-[0.7rem] font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  );
  return label ? (
    <span role="img" aria-label={label} className={initials}>
      {initialsOf(user.name)}
    </span>
  ) : (
    <span aria-hidden="true" className={initials}>
      {initialsOf(user.name)}
    </span>
  );
}
