import { Download } from "lucide-react";
import { FileIcon } from "@/components/files/file-icon";
import { fileUrl } from "@/components/files/file-url";
import type { StoredFile } from "@/components/files/stored-file";
import { formatBytes } from "@/server/core/files/wording";

/**
 * A post's attachments, each with its size and a download link. A draft's attachments are protected: the links
 * work for its readers (author, editors) through their session cookie, and answer 404 to anyone else.
 */
export function PostAttachments({ postId, files }: { postId: string; files: StoredFile[] }) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="post-attachments" className="mt-10">
      <h2 id="post-attachments" className="mb-3 text-lg font-semibold">
        Attachments
      </h2>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {files.map((file) => (
          <li key={file.id} className="flex items-center gap-3 px-3 py-2.5">
            <FileIcon type={file.type} className="size-5" />
            <span className="min-w-0 flex-1 truncate text-sm font-medium" title={file.name}>
              {file.name}
            </span>
            <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
              {formatBytes(file.size)}
            </span>
            <a
              href={fileUrl({ resource: "posts", recordId: postId, field: "attachments", file, download: true })}
              download={file.name}
              aria-label={`Download ${file.name}`}
              className="inline-flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:bg-zinc-800"
            >
              <Download aria-hidden="true" className="size-4" />
              <span className="hidden sm:inline">Download</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
