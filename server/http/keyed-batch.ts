/**
 * A tRPC batch carries one set of headers for all its calls, so an Idempotency-Key on a batch of several mutations
 * would name several requests at once: refused before anything runs (the app's client never sends one; it sends keyed
 * mutations one per request). A batch of one call is one request; GET batches are queries, which ignore the header.
 */
import { IDEMPOTENCY_HEADER } from "@/server/core/idempotency/key";
import type { ProcedureCalls } from "./batch";
import { refusal } from "./refusal";

export function keyedBatchRefusal(req: Request, calls: ProcedureCalls): Response | undefined {
  if (req.method !== "POST" || !calls.batch || calls.paths.length < 2 || !req.headers.has(IDEMPOTENCY_HEADER)) {
    return undefined;
  }
  const message = `An ${IDEMPOTENCY_HEADER} names one mutation; send keyed mutations one per request, not in a batch of ${calls.paths.length}.`;
  return refusal(400, "BAD_REQUEST", message, { fieldErrors: { [IDEMPOTENCY_HEADER]: [message] } });
}
