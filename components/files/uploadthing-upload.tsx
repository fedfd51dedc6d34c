"use client";
/**
 * One file sent straight to uploadthing, for a field whose `meta` says `uploader: "uploadthing"` (the server has
 * UPLOADTHING_TOKEN). A component per file, so each upload has its own progress and its own AbortSignal through
 * `useUploadThing`'s options. It renders nothing; the file widget loads it only when a field needs it, so pages whose
 * fields upload to this app never load uploadthing's client.
 *
 * The endpoint is the field's (`resource.field`, app/api/uploadthing/route.ts); its `serverData` is what the local
 * upload route answers: the stored file's descriptor, or a refusal with the field's message.
 */
import { generateReactHelpers } from "@uploadthing/react";
import { useEffect, useRef } from "react";
import { uploadthingSlug } from "@/server/core/files/options";
import type { UploadthingRouter } from "@/server/core/files/uploadthing-router";
import { isStoredFile, type StoredFile } from "./stored-file";

const { useUploadThing } = generateReactHelpers<UploadthingRouter>();

export interface UploadthingUploadProps {
  resource: string;
  field: string;
  file: File;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
  onDone: (file: StoredFile) => void;
  onFail: (message: string) => void;
}

function refusal(answer: unknown, field: string): string | undefined {
  if (typeof answer !== "object" || answer === null || !("error" in answer)) return undefined;
  const error = (answer as { error: { message?: string; fieldErrors?: Record<string, string[]> } }).error;
  return error.fieldErrors?.[field]?.[0] ?? error.message;
}

export default function UploadthingUpload({
  resource,
  field,
  file,
  signal,
  onProgress,
  onDone,
  onFail,
}: UploadthingUploadProps) {
  const { startUpload } = useUploadThing(uploadthingSlug(resource, field), {
    signal,
    uploadProgressGranularity: "fine",
    onUploadProgress: (percent) => onProgress(percent / 100),
    onUploadError: (error) => onFail(error.message),
  });
  // Once per file: React's development double effect must not send it twice.
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the upload starts once, when the row appears.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startUpload([file]).then(
      (results) => {
        // No results: the error went to onUploadError.
        if (!results) return;
        const answer: unknown = results[0]?.serverData;
        if (isStoredFile(answer)) onDone(answer);
        else onFail(refusal(answer, field) ?? "The upload was not accepted. Try again.");
      },
      // Cancelled: the widget already took the row away.
      () => {},
    );
  }, []);
  return null;
}
