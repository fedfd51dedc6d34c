/**
 * What identifies a keyed request: the Idempotency-Key header (checked), whose key it is (the scope), and a hash of
 * its input. Pure functions; the store and the transaction are in store.ts and run.ts.
 */
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Actor } from "../actor";
import { FieldError } from "../errors";

/** The request header, as clients send it (HTTP header names are case-insensitive). */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** Longest key accepted: room for any UUID or ULID with a prefix, short enough to index. */
export const MAX_KEY_LENGTH = 255;

// Visible ASCII and the space: a UUID, a ULID, `order-42/attempt`. Control characters and non-ASCII bytes are refused
// rather than stored, so a key reads the same in every log and every client library.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** An error naming the header, in the shape forms and API clients read field errors from. */
export function keyError(code: "BAD_REQUEST" | "UNPROCESSABLE_CONTENT" | "CONFLICT", message: string): TRPCError {
  return new TRPCError({ code, message, cause: new FieldError(message, { [IDEMPOTENCY_HEADER]: [message] }) });
}

/** The key a request carries, undefined when it carries none; a malformed one is a 400 naming the header. */
export function idempotencyKeyOf(headers: Headers): string | undefined {
  const value = headers.get(IDEMPOTENCY_HEADER);
  return value === null ? undefined : checkedKey(value);
}

/** The header's value when it is a usable key; otherwise a 400 saying what is wrong with it. */
export function checkedKey(value: string): string {
  if (value.length === 0) throw keyError("BAD_REQUEST", `${IDEMPOTENCY_HEADER} must not be empty.`);
  if (value.length > MAX_KEY_LENGTH) {
    throw keyError("BAD_REQUEST", `${IDEMPOTENCY_HEADER} must be at most ${MAX_KEY_LENGTH} characters.`);
  }
  if (!PRINTABLE_ASCII.test(value)) {
    throw keyError("BAD_REQUEST", `${IDEMPOTENCY_HEADER} may contain only printable ASCII characters.`);
  }
  return value;
}

/**
 * Whose keys these are. A user's session and their API tokens share one scope (a script may retry what a browser
 * sent). Anonymous callers share one scope: a replay needs the same key and the same input, so a stranger who
 * guessed a random key would only get back what an anonymous caller may read of a record whose input they already
 * know; scoping by IP instead would break the retry that matters most, after a network change.
 */
export function idempotencyScope(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.user.id}`;
  return actor.kind === "system" ? "system" : "anonymous";
}

/** Objects with their keys sorted, recursively: two encodings of the same input hash alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/**
 * sha256 (hex) of the input as the wire carries it (superjson: a Date and its ISO string differ), keys sorted. The
 * wire guard has already bounded its depth and size (server/core/wire.ts).
 */
export function hashInput(input: unknown): string {
  const text = JSON.stringify(canonical(superjson.serialize(input))) ?? "";
  return createHash("sha256").update(text).digest("hex");
}
