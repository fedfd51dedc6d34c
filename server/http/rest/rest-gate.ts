/**
 * The gate of REST's paths (/api/v1 and /api/openapi.json): the gate of /api/trpc (server/http/gate.ts), so URL and
 * body size, the Origin rule, CORS, the database's breaker, the caller (resolved once) and the API-wide and
 * per-procedure rate limits are one code path for every API. What it refuses is answered in REST's error shape.
 */
import type { FieldErrors } from "@/server/core/errors";
import { resources } from "@/server/resources";
import { createEndpointGate, type EndpointGateOptions } from "../endpoint-gate";
import type { Dispatch } from "../gate";
import { type RestErrorCode, restError } from "./errors";
import { nameProcedures, restProcedures } from "./log-names";

export type RestGateOptions = EndpointGateOptions;

/**
 * Runs `dispatch` once the request has passed the gate. `procedures` are what the request calls (`posts.list`), whose
 * own limits it counts against and which its log line names; none for a path that calls no procedure.
 */
export type RestGate = (req: Request, procedures: string[], dispatch: Dispatch) => Promise<Response>;

export function createRestGate(endpoint: string, options: RestGateOptions = {}): RestGate {
  // REST has no live streams (tRPC's onChange does): the endpoint gate's default.
  const gate = createEndpointGate(
    {
      endpoint,
      calls: (url, req) => ({ paths: restProcedures(url, req.method, req), batch: false }),
      registry: resources,
    },
    options,
  );

  return async (req, procedures, dispatch) => {
    nameProcedures(req, procedures);
    let answered = false;
    const answer = await gate(req, (forward, caller, release) => {
      answered = true;
      return dispatch(forward, caller, release);
    });
    // Anything the gate answered itself (a refusal) is in tRPC's error shape: REST clients get theirs.
    return answered ? answer : fromGateRefusal(answer);
  };
}

/** The gate answers in tRPC's error shape; REST clients get theirs, with the same status and headers. */
async function fromGateRefusal(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  let code: RestErrorCode = "BAD_REQUEST";
  let message = "The request was refused.";
  let fieldErrors: FieldErrors | null = null;
  try {
    const body = (await response.json()) as {
      error?: { json?: { message?: string; data?: { code?: RestErrorCode; fieldErrors?: FieldErrors | null } } };
    };
    message = body.error?.json?.message ?? message;
    code = body.error?.json?.data?.code ?? code;
    fieldErrors = body.error?.json?.data?.fieldErrors ?? null;
  } catch {
    // Not the gate's JSON: keep the generic words.
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const rewritten = restError(response.status, code, message, { fieldErrors });
  for (const [name, value] of headers) if (name !== "content-type") rewritten.headers.set(name, value);
  return rewritten;
}
