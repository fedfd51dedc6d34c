/**
 * A file size as people read it ("10 MB", "1.5 KB", "512 bytes"), in powers of 1024. Worded exactly as the upload
 * route words its limits (server/core/files/upload.ts `formatBytes`), so the browser's own refusal of a file reads
 * the same as the server's; bytes.test.ts holds the two together.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
