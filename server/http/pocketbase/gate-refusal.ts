/**
 * The HTTP gate (server/http/gate.ts) in front of a PocketBase endpoint: its refusals come in tRPC's error shape, and
 * PocketBase clients get theirs, `{ status, message, data }`, with the same status and headers (Retry-After, CORS).
 * Used by `POST /api/batch`, `/api/realtime` and the auth endpoints; the records API passes the REST handler's gate instead.
 */
import type { FieldErrors } from "@/server/core/errors";
import type { createGate, Dispatch } from "../gate";
import { pocketBaseError, pocketBaseFieldErrors } from "./errors";

type Gate = ReturnType<typeof createGate>;

/**
 * Runs `dispatch` once `req` has passed `gate`; whatever the gate answered itself is rewritten into PocketBase's
 * shape. A preflight's answer passes as the gate gives it: a browser reads its headers, never its body.
 */
export async function behindGate(gate: Gate, req: Request, dispatch: Dispatch): Promise<Response> {
  if (req.method === "OPTIONS") return gate(req, dispatch);
  let answered = false;
  const answer = await gate(req, (forward, caller, release) => {
    answered = true;
    return dispatch(forward, caller, release);
  });
  return answered ? answer : pocketBaseGateRefusal(answer);
}

/** A refusal of the gate (tRPC's shape) as PocketBase's, keeping its status and every header but the body's. */
export async function pocketBaseGateRefusal(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  let message = "The request was refused.";
  let fieldErrors: FieldErrors | null = null;
  try {
    const body = (await response.json()) as {
      error?: { json?: { message?: unknown; data?: { fieldErrors?: FieldErrors | null } } };
    };
    if (typeof body.error?.json?.message === "string") message = body.error.json.message;
    fieldErrors = body.error?.json?.data?.fieldErrors ?? null;
  } catch {
    // Not the gate's JSON: keep the generic words.
  }
  const rewritten = pocketBaseError(response.status, message, pocketBaseFieldErrors(fieldErrors));
  for (const [name, value] of response.headers) {
    if (name !== "content-type" && name !== "content-length") rewritten.headers.set(name, value);
  }
  return rewritten;
}
