"use client";
/** The rows of a file field: a stored file with its picture and a Remove button, or one on its way with its progress. */
import { X } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatBytes } from "@/server/core/files/wording";
import { FileIcon } from "./file-icon";
import type { StoredFile } from "./stored-file";

const row =
  "flex min-w-0 items-center gap-3 rounded-md border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900";

/**
 * The file's picture, or its icon. A one-image field (a cover, an avatar) shows it larger, at the image's own
 * proportions within 80 px high and 80 to 144 px wide, so the person sees what they chose.
 */
function Picture({
  src,
  type,
  large,
  ratio,
}: {
  src: string | undefined;
  type: string;
  large?: boolean;
  /** Width over height, when known. */
  ratio?: number;
}) {
  const width = large ? Math.round(Math.min(144, Math.max(80, 80 * (ratio ?? 1)))) : undefined;
  return (
    <span
      className={cn(
        "flex shrink-0 items-center justify-center overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800",
        large ? "h-20" : "size-12",
      )}
      style={width ? { width } : undefined}
    >
      {src ? (
        // biome-ignore lint/performance/noImgElement: a thumbnail from the files route, or an object URL of the chosen file.
        <img src={src} alt="" className="size-full object-cover" />
      ) : (
        <FileIcon type={type} className="size-6" />
      )}
    </span>
  );
}

export function StoredFileRow({
  file,
  src,
  href,
  large,
  disabled,
  onRemove,
}: {
  file: StoredFile;
  /** The field holds one image: show it larger. */
  large?: boolean;
  src: string | undefined;
  /** Where the saved file opens; none for a file not saved with its record yet. */
  href: string | undefined;
  disabled: boolean;
  onRemove: () => void;
}) {
  return (
    <li className={row} data-testid="file-row">
      <Picture
        src={src}
        type={file.type}
        large={large && src !== undefined}
        ratio={file.width && file.height ? file.width / file.height : undefined}
      />
      <span className="grid min-w-0 flex-1">
        {href ? (
          <a
            href={href}
            target="_blank"
            rel="noopener"
            className="truncate text-sm font-medium underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            {file.name}
          </a>
        ) : (
          <span className="truncate text-sm font-medium">{file.name}</span>
        )}
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatBytes(file.size)}</span>
      </span>
      <Button
        type="button"
        variant="ghost"
        size="sm"
        disabled={disabled}
        onClick={onRemove}
        aria-label={`Remove ${file.name}`}
      >
        <X aria-hidden="true" />
        <span className="hidden sm:inline">Remove</span>
      </Button>
    </li>
  );
}

export function FileUploadRow({
  name,
  size,
  type,
  preview,
  large,
  progress,
  queued,
  onCancel,
  children,
}: {
  name: string;
  large?: boolean;
  size: number;
  type: string;
  preview: string | undefined;
  progress: number;
  queued: boolean;
  onCancel: () => void;
  /** The uploader when it is a component (uploadthing's). */
  children?: ReactNode;
}) {
  const percent = Math.round(progress * 100);
  const state = queued ? "Waiting…" : percent >= 100 ? "Processing…" : `${percent}%`;
  return (
    <li className={row} data-testid="file-upload">
      <Picture src={preview} type={type} large={large && preview !== undefined} />
      <span className="grid min-w-0 flex-1 gap-1">
        <span className="flex min-w-0 items-baseline justify-between gap-2">
          <span className="truncate text-sm font-medium">{name}</span>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {state} <span className="sr-only">of {formatBytes(size)}</span>
          </span>
        </span>
        <span
          role="progressbar"
          aria-label={`Uploading ${name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="block h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <span
            className="block h-full rounded-full bg-indigo-600 transition-[width] duration-150 motion-reduce:transition-none dark:bg-indigo-400"
            style={{ width: `${percent}%` }}
          />
        </span>
      </span>
      <Button type="button" variant="ghost" size="sm" onClick={onCancel} aria-label={`Cancel upload of ${name}`}>
        <X aria-hidden="true" />
        <span className="hidden sm:inline">Cancel</span>
      </Button>
      {children}
    </li>
  );
}
