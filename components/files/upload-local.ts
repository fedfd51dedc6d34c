/**
 * Sends one file to this app's upload route (`POST /api/files/upload?resource=&field=`, the raw file as the body and
 * its name in `X-File-Name`), with progress. XHR rather than fetch: only XHR reports upload progress in every
 * browser. At most three run at once per page: the route refuses a fourth concurrent upload by the same user.
 */
import type { StoredFile } from "./stored-file";
import { isStoredFile } from "./stored-file";

/** A refusal or failure to show on the field, in words for the person who chose the file. */
export class UploadError extends Error {
  override name = "UploadError";
}

export interface UploadOptions {
  resource: string;
  field: string;
  /** 0 to 1, as the bytes leave the browser. */
  onProgress: (fraction: number) => void;
  /** Called when the upload waits for a free slot, and when it starts. */
  onQueued?: (queued: boolean) => void;
  signal: AbortSignal;
}

const MAX_CONCURRENT = 3;
let running = 0;
const waiting: (() => void)[] = [];

function release() {
  running--;
  waiting.shift()?.();
}

/** Waits for one of the page's upload slots; rejects if cancelled while waiting. */
function acquire(signal: AbortSignal): Promise<void> {
  if (running < MAX_CONCURRENT) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const start = () => {
      signal.removeEventListener("abort", cancel);
      running++;
      resolve();
    };
    const cancel = () => {
      const index = waiting.indexOf(start);
      if (index >= 0) waiting.splice(index, 1);
      reject(signal.reason);
    };
    waiting.push(start);
    signal.addEventListener("abort", cancel, { once: true });
  });
}

/** The message of an error answer (`{ error: { message, fieldErrors } }`), the field's own first. */
function messageOf(body: unknown, field: string): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error?: { message?: unknown; fieldErrors?: Record<string, unknown> } }).error;
  const onField = error?.fieldErrors?.[field];
  if (Array.isArray(onField) && typeof onField[0] === "string") return onField[0];
  return typeof error?.message === "string" ? error.message : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function uploadLocal(file: File, options: UploadOptions): Promise<StoredFile> {
  const { resource, field, onProgress, signal } = options;
  if (signal.aborted) throw signal.reason;
  options.onQueued?.(running >= MAX_CONCURRENT);
  await acquire(signal);
  options.onQueued?.(false);
  try {
    return await new Promise<StoredFile>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ resource, field });
      xhr.open("POST", `/api/files/upload?${query}`);
      xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
      xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        const body = parse(xhr.responseText);
        if (xhr.status === 201 && isStoredFile(body)) {
          onProgress(1);
          resolve(body);
          return;
        }
        reject(new UploadError(messageOf(body, field) ?? `The upload failed (${xhr.status}). Try again.`));
      };
      // A refused request can end as a network error when the server stops reading a too-large body.
      xhr.onerror = () => reject(new UploadError("The upload failed: check your connection and try again."));
      xhr.onabort = () => reject(signal.reason ?? new DOMException("The upload was cancelled.", "AbortError"));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  } finally {
    release();
  }
}
