/**
 * PocketBase's error shape, `{ status, message, data }`, which its SDKs read into `ClientResponseError` (`status`,
 * `response.message`, `response.data.<field>.message`). `data` maps a field, by the name the client uses, to
 * `{ code, message }`.
 */
import { getAvailability } from "@/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import type { FieldErrors } from "@/server/core/errors";

export interface PocketBaseFieldError {
  code: string;
  message: string;
}

export type PocketBaseErrorData = Record<string, PocketBaseFieldError>;

export function pocketBaseError(
  status: number,
  message: string,
  data: PocketBaseErrorData = {},
  headers: Record<string, string> = {},
): Response {
  return pocketBaseJson(status, { status, message, data }, headers);
}

export function pocketBaseJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * Atrium's field errors (`{ "items.0.title": ["Required"] }`) as PocketBase's `data`: the first message of each field,
 * under the name `rename` gives it. The code is PocketBase's generic one: Atrium's messages are the precise part.
 */
export function pocketBaseFieldErrors(
  fieldErrors: FieldErrors | null | undefined,
  rename: (field: string) => string = (field) => field,
): PocketBaseErrorData {
  const data: PocketBaseErrorData = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const message = messages[0];
    if (message === undefined) continue;
    Object.defineProperty(data, rename(field) || "_form", {
      value: { code: "validation_invalid_value", message },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return data;
}

/** An answer decided while reading a request, thrown to the handler that catches it and answers with `response`. */
export class PocketBaseRefusal {
  constructor(readonly response: Response) {}
}

/** Refuses the request with a 400 that names `field`, in the words PocketBase uses for a bad request. */
export function refuseField(field: string, message: string, code = "validation_invalid_value"): never {
  throw new PocketBaseRefusal(
    pocketBaseError(400, `Something went wrong while processing your request: ${field} ${message}.`, {
      [field]: { code, message },
    }),
  );
}

/**
 * The answer to a database that stopped answering mid-request, in PocketBase's shape: 503 with Retry-After, and the
 * outage reported so the next requests are refused at the gate. Anything else is rethrown.
 */
export function pocketBaseUnavailable(error: unknown): Response {
  if (!isDatabaseUnavailable(error)) throw error;
  const availability = getAvailability();
  availability.report(error);
  const retryAfter = String(availability.retryAfterSeconds);
  return pocketBaseError(503, DATABASE_UNAVAILABLE_MESSAGE, {}, { "retry-after": retryAfter });
}
