"use client";
/**
 * A file field: choose (a real button) or drop one file or several, checked in the browser against the field's size
 * and types first, then uploaded one request per file with a progress bar and a Cancel button each. The field's value
 * holds the stored files' descriptors (null / [] for none), which the form's schema sends as ids; a submit waits for
 * uploads still running (UploadTracker). Uploads go to this app, or straight to uploadthing when `meta` says so.
 */
import dynamic from "next/dynamic";
import { useEffect, useId, useRef, useState } from "react";
import { fileProblem, roomFor } from "@/components/files/file-checks";
import { FileUploadRow, StoredFileRow } from "@/components/files/file-rows";
import { fileUrl, smallestThumb, thumbAtLeast } from "@/components/files/file-url";
import { isImageFile, type StoredFile, storedFiles } from "@/components/files/stored-file";
import { UploadError, uploadLocal } from "@/components/files/upload-local";
import { useFileFieldContext } from "@/components/files/upload-tracker";
import { cn } from "@/components/ui/cn";
import { describeAccept, formatBytes } from "@/server/core/files/wording";
import type { FileDraft } from "../form-values";
import { DropZone } from "./file-drop-zone";
import type { WidgetProps } from "./widget-props";

// Loaded only by fields that upload to uploadthing: other pages never download its client.
const UploadthingUpload = dynamic(() => import("@/components/files/uploadthing-upload"), { ssr: false });

/** Names uploads apart (crypto.randomUUID needs a secure context, which a plain-http intranet is not). */
let uploadCount = 0;

/** A file on its way: shown with its progress until the server answers with its descriptor. */
interface Upload {
  key: string;
  /** When it was chosen: a field of several files keeps them in the order they were chosen, not finished. */
  seq: number;
  file: File;
  /** An object URL of the chosen image, shown while it uploads. */
  preview?: string;
  /** 0 to 1. */
  progress: number;
  /** Waiting for one of the page's upload slots. */
  queued: boolean;
  controller: AbortController;
}

export interface FileWidgetProps extends WidgetProps<FileDraft> {
  /** What went wrong with the files last chosen (refused here or by the server), shown as the field's error. */
  onProblems: (messages: string[]) => void;
}

export function FileWidget({ spec, control, field, value, onChange, onBlur, disabled, onProblems }: FileWidgetProps) {
  const where = useFileFieldContext();
  const options = spec.descriptor?.file;
  const label = spec.descriptor?.label ?? spec.label;
  const multiple = options?.multiple;
  const files = storedFiles(value);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState("");
  // Images uploaded here have no address until their record is saved: they show from the chosen file meanwhile.
  const [previews, setPreviews] = useState<ReadonlyMap<string, string>>(new Map());
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const textId = useId();

  // Uploads end one after another, possibly before React renders again: each adds to the latest value.
  const current = useRef<StoredFile[]>(files);
  current.current = files;
  const chosenAt = useRef(new Map<string, number>());
  const setFiles = (next: StoredFile[]) => {
    current.current = next;
    onChange(multiple === undefined ? (next[next.length - 1] ?? null) : next);
  };

  // Leaving the page (or the form) stops what is still uploading and frees the previews.
  const live = useRef({ uploads, previews });
  live.current = { uploads, previews };
  useEffect(
    () => () => {
      for (const upload of live.current.uploads) {
        upload.controller.abort();
        where?.uploads.end(upload.key, false);
        if (upload.preview) URL.revokeObjectURL(upload.preview);
      }
      for (const url of live.current.previews.values()) URL.revokeObjectURL(url);
    },
    [where],
  );

  if (!options || !where) {
    return <p className="text-sm text-zinc-500">This file field can only be edited inside a ResourceForm.</p>;
  }
  const { resource, recordId, uploads: tracker } = where;

  const finish = (key: string) => {
    setUploads((list) => list.filter((u) => u.key !== key));
  };

  function succeeded(upload: Upload, stored: StoredFile) {
    if (!live.current.uploads.some((u) => u.key === upload.key)) return;
    finish(upload.key);
    tracker.end(upload.key, true);
    if (upload.preview) setPreviews((map) => new Map(map).set(stored.id, upload.preview as string));
    chosenAt.current.set(stored.id, upload.seq);
    // Files already in the field (chosen 0) stay first; new ones go by when they were chosen (a stable sort).
    const at = (file: StoredFile) => chosenAt.current.get(file.id) ?? 0;
    setFiles(multiple === undefined ? [stored] : [...current.current, stored].sort((a, b) => at(a) - at(b)));
    setAnnouncement(`${stored.name} uploaded.`);
  }

  function failed(upload: Upload, message: string) {
    if (!live.current.uploads.some((u) => u.key === upload.key)) return;
    finish(upload.key);
    tracker.end(upload.key, false);
    if (upload.preview) URL.revokeObjectURL(upload.preview);
    onProblems([multiple === undefined ? message : `${upload.file.name}: ${message}`]);
    setAnnouncement(`${upload.file.name} was not uploaded.`);
  }

  function cancel(upload: Upload) {
    upload.controller.abort();
    finish(upload.key);
    tracker.end(upload.key, false);
    if (upload.preview) URL.revokeObjectURL(upload.preview);
    setAnnouncement(`Upload of ${upload.file.name} cancelled.`);
    chooseRef.current?.focus();
  }

  function progress(key: string, patch: Partial<Pick<Upload, "progress" | "queued">>) {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  }

  function start(file: File) {
    const upload: Upload = {
      key: `upload-${++uploadCount}`,
      seq: uploadCount,
      file,
      preview: file.type.startsWith("image/") && file.type !== "image/svg+xml" ? URL.createObjectURL(file) : undefined,
      progress: 0,
      queued: false,
      controller: new AbortController(),
    };
    live.current.uploads = [...live.current.uploads, upload];
    setUploads((list) => [...list, upload]);
    tracker.start(upload.key, spec.name);
    if (options?.uploader === "uploadthing") return; // Its row's UploadthingUpload sends it.
    uploadLocal(file, {
      resource,
      field: spec.name,
      signal: upload.controller.signal,
      onProgress: (fraction) => progress(upload.key, { progress: fraction }),
      onQueued: (queued) => progress(upload.key, { queued }),
    }).then(
      (stored) => succeeded(upload, stored),
      (error: unknown) => {
        if (upload.controller.signal.aborted) return;
        failed(upload, error instanceof UploadError ? error.message : "The upload failed. Try again.");
      },
    );
  }

  /** Files chosen or dropped: checked here first, then each sent on its own. */
  function take(chosen: File[]) {
    if (chosen.length === 0) return;
    const problems: string[] = [];
    let accepted = chosen;
    if (multiple === undefined) {
      if (chosen.length > 1) {
        onProblems([`${label} takes one file.`]);
        return;
      }
      // A new choice replaces a file still uploading for this one-file field.
      for (const upload of uploads) cancel(upload);
    } else {
      const room = roomFor(multiple, current.current.length + uploads.length);
      if (chosen.length > room) {
        problems.push(`${label} takes at most ${multiple} file${multiple === 1 ? "" : "s"}.`);
        accepted = chosen.slice(0, room);
      }
    }
    const sent: string[] = [];
    for (const file of accepted) {
      const problem = fileProblem(options as NonNullable<typeof options>, label, file);
      if (problem) problems.push(multiple === undefined ? problem : `${file.name}: ${problem}`);
      else {
        start(file);
        sent.push(file.name);
      }
    }
    onProblems(problems);
    if (sent.length > 0) setAnnouncement(`Uploading ${sent.join(", ")}.`);
  }

  function remove(file: StoredFile) {
    setFiles(current.current.filter((f) => f.id !== file.id));
    const preview = previews.get(file.id);
    if (preview) {
      URL.revokeObjectURL(preview);
      setPreviews((map) => {
        const next = new Map(map);
        next.delete(file.id);
        return next;
      });
    }
    onProblems([]);
    setAnnouncement(`${file.name} removed.`);
    chooseRef.current?.focus();
  }

  // A one-image field (a cover, an avatar) shows its picture larger: a larger thumbnail when it declares one.
  const oneImage =
    multiple === undefined && !!options.accept?.length && options.accept.every((t) => t.startsWith("image/"));
  // Sharp on a 2x screen: twice the 144 px the larger picture takes at most.
  const thumb = oneImage ? thumbAtLeast(options.thumbs, 288) : smallestThumb(options.thumbs);
  const srcOf = (file: StoredFile) => {
    if (!isImageFile(file)) return undefined;
    const preview = previews.get(file.id);
    if (preview) return preview;
    // Saved with the record: the files route serves it (a draft's protected files through the session cookie).
    return recordId ? fileUrl({ resource, recordId, field: spec.name, file, thumb }) : undefined;
  };
  const hrefOf = (file: StoredFile) =>
    recordId && !previews.has(file.id) ? fileUrl({ resource, recordId, field: spec.name, file }) : undefined;

  const full = multiple !== undefined && files.length + uploads.length >= multiple;
  const off = disabled === true;
  const choose = () => inputRef.current?.click();
  const single = multiple === undefined;
  const chooseText = single
    ? files.length > 0 || uploads.length > 0
      ? "Replace…"
      : options.accept?.every((t) => t.startsWith("image/"))
        ? "Choose an image…"
        : "Choose a file…"
    : "Add files…";

  return (
    // biome-ignore lint/a11y/useSemanticElements: the field's label names the group; a fieldset would need a legend.
    <div
      role="group"
      aria-labelledby={field.labelId}
      className="grid gap-2"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onBlur();
      }}
    >
      {files.length > 0 || uploads.length > 0 ? (
        <ul className="grid gap-2" aria-label={`${label}: files`}>
          {files.map((file) => (
            <StoredFileRow
              key={file.id}
              file={file}
              src={srcOf(file)}
              href={hrefOf(file)}
              large={oneImage}
              disabled={off}
              onRemove={() => remove(file)}
            />
          ))}
          {uploads.map((upload) => (
            <FileUploadRow
              key={upload.key}
              name={upload.file.name}
              size={upload.file.size}
              type={upload.file.type}
              preview={upload.preview}
              large={oneImage}
              progress={upload.progress}
              queued={upload.queued}
              onCancel={() => cancel(upload)}
            >
              {options.uploader === "uploadthing" ? (
                <UploadthingUpload
                  resource={resource}
                  field={spec.name}
                  file={upload.file}
                  signal={upload.controller.signal}
                  onProgress={(fraction) => progress(upload.key, { progress: fraction })}
                  onDone={(stored) => succeeded(upload, stored)}
                  onFail={(message) => failed(upload, message)}
                />
              ) : null}
            </FileUploadRow>
          ))}
        </ul>
      ) : null}
      <DropZone disabled={off || full} onFiles={take} className={cn(files.length > 0 && single && "py-2")}>
        <button
          ref={chooseRef}
          type="button"
          id={control.id}
          aria-labelledby={`${field.labelId} ${textId}`}
          aria-describedby={control["aria-describedby"]}
          aria-invalid={control["aria-invalid"]}
          disabled={off || full}
          onClick={choose}
          className="inline-flex h-8 cursor-pointer items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium shadow-sm outline-none hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          <span id={textId}>{chooseText}</span>
        </button>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">
          {full ? `${label} is full: remove a file to add another.` : single ? "or drop it here" : "or drop them here"}
        </span>
      </DropZone>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{limitsText(options)}</p>
      <input
        ref={inputRef}
        type="file"
        hidden
        tabIndex={-1}
        multiple={!single && (multiple ?? 1) > 1}
        accept={options.accept?.join(",") || undefined}
        data-testid={`${spec.name}-file-input`}
        onChange={(event) => {
          take(Array.from(event.currentTarget.files ?? []));
          // The same file chosen again (after a refusal, or removed) must fire a change again.
          event.currentTarget.value = "";
        }}
      />
      {/* Read out, not a role="status": the form's own status line stays the one status of the form. */}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/** "Image files up to 10 MB." / "Any file up to 25 MB, at most 10." */
function limitsText(options: { accept?: string[]; maxSize: number; multiple?: number }): string {
  const kinds = describeAccept(options.accept);
  const most = options.multiple ? `, at most ${options.multiple}` : "";
  return `${kinds.charAt(0).toUpperCase()}${kinds.slice(1)} up to ${formatBytes(options.maxSize)}${most}.`;
}
