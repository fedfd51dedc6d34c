/**
 * REST's answers in JSON, and its error shape `{ code, message, fieldErrors }` with tRPC's status for the code
 * (docs/rest.md): every path under /api/v1 and /api/openapi.json answers through these.
 */
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/db/unavailable";
import type { FieldErrors } from "@/server/core/errors";

export type RestErrorCode = TRPC_ERROR_CODE_KEY | "METHOD_NOT_SUPPORTED" | "UNSUPPORTED_MEDIA_TYPE";

export function restError(
  status: number,
  code: RestErrorCode,
  message: string,
  options: { fieldErrors?: FieldErrors | null; headers?: Record<string, string> | undefined } = {},
): Response {
  return jsonResponse(status, { code, message, fieldErrors: options.fieldErrors ?? null }, options.headers);
}

/** A 400 naming the fields, its message the first few of them. */
export function invalid(fieldErrors: FieldErrors): Response {
  const message = Object.entries(fieldErrors)
    .slice(0, 3)
    .map(([field, messages]) => (field ? `${field}: ${messages[0]}` : messages[0]))
    .join("; ");
  return restError(400, "BAD_REQUEST", message || "The request is invalid.", { fieldErrors });
}

/** The database could not answer: the sentence every API gives, and when to try again. */
export function databaseUnavailable(retryAfterSeconds: number): Response {
  return restError(503, "SERVICE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, {
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
