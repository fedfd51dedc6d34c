/**
 * The answers the HTTP gate gives instead of running a request. They take the shape of a tRPC error with the superjson
 * transformer (`{ error: { json: { message, code, data: { code, httpStatus, path } } } }`), so the tRPC client shows
 * the message like any other, and a plain JSON reader (curl, a script) finds it at `error.json.message`.
 */
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

export interface RefusalOptions {
  /** The procedure path when the request named exactly one, as tRPC reports it. */
  path?: string | null;
  /** Seconds until trying again is worth it (429, 503). */
  retryAfter?: number;
  /** Messages by field, when the refusal is about the input. */
  fieldErrors?: Record<string, string[]>;
}

export function refusal(
  status: number,
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  options: RefusalOptions = {},
): Response {
  const body = {
    error: {
      json: {
        message,
        code: TRPC_ERROR_CODES_BY_KEY[code],
        data: { code, httpStatus: status, path: options.path ?? null, fieldErrors: options.fieldErrors ?? null },
      },
    },
  };
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  if (options.retryAfter !== undefined) headers.set("retry-after", String(Math.max(1, Math.ceil(options.retryAfter))));
  return new Response(JSON.stringify(body), { status, headers });
}
