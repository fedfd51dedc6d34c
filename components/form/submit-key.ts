/**
 * One Idempotency-Key per submit of a generated form. A new submit gets a fresh key; sending the same values to the
 * same record again after a failure (Save pressed again after a network error or a 503) reuses the key, so when the
 * first attempt did commit, the server answers with its result instead of writing a second record.
 */
import superjson from "superjson";

export interface SubmitKey {
  key: string;
  /** What the key was sent with: the target and the values. */
  fingerprint: string;
}

/** The target (`create`, or the id being updated) and the values, as comparable text (dates included). */
export function submitFingerprint(target: string, values: Record<string, unknown>): string {
  return JSON.stringify(superjson.serialize({ target, values }));
}

/** The key for this submit: the unanswered previous one when it sent the same thing, else a fresh one. */
export function submitKey(previous: SubmitKey | null, fingerprint: string, fresh = newKey): SubmitKey {
  return previous?.fingerprint === fingerprint ? previous : { key: fresh(), fingerprint };
}

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost), getRandomValues everywhere. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
