import { File, FileArchive, FileAudio, FileImage, FileText, FileVideo } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** A file's kind at a glance, for files without a picture (or before one loads). Decorative: the name says it. */
export function FileIcon({ type, className }: { type: string; className?: string }) {
  const Icon = type.startsWith("image/")
    ? FileImage
    : type.startsWith("video/")
      ? FileVideo
      : type.startsWith("audio/")
        ? FileAudio
        : type === "application/pdf" || type.startsWith("text/")
          ? FileText
          : /zip|tar|gzip|compressed|7z|rar/.test(type)
            ? FileArchive
            : File;
  return <Icon aria-hidden="true" className={cn("shrink-0 text-zinc-500 dark:text-zinc-400", className)} />;
}
