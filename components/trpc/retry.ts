/**
 * Which failed queries the browser tries again. TanStack Query retries every failure three times by default (1 s, 2 s,
 * 4 s): a refusal (401, 403, 404, a 400 naming a field) then took 7 s to show, and a hard delete spun for 8.7 s. Only
 * what may pass on its own is retried: no answer at all (the network), 408, 429, and 5xx (a database outage answers
 * 503 for a few seconds).
 */
import { TRPCClientError } from "@trpc/client";

/** Tries after the first, at most. */
const MAX_RETRIES = 3;

/** The HTTP status a failed tRPC call answered, or undefined when none came (network error, aborted). */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === "number" ? status : undefined;
}

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  const status = httpStatusOf(error);
  return status === undefined || status === 408 || status === 429 || status >= 500;
}
