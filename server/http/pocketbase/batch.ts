/**
 * `POST /api/batch`: PocketBase's transactional batch of record writes (docs/pocketbase.md, "Batch"). The body is read
 * and every request planned first (batch-body.ts, batch-plan.ts), so the gate knows the procedures the batch calls:
 * it then runs once for the whole batch (URL and body size, the Origin rule, CORS, the database's breaker, the caller
 * from the batch's own headers, and the rate limits, one hit per request against its procedure's limits, as a tRPC
 * batch is counted), and the batch runs in one transaction (batch-run.ts). Every answer but a preflight passes the
 * gate, a refused body included. Answers are PocketBase's: `[{ body, status }]`, or its batch failure naming the
 * request that failed; 503 and 500 (the database gone, an internal error) say nothing of the internals.
 */
import { getAvailability, getDb } from "@/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { IDEMPOTENCY_HEADER } from "@/server/core/idempotency/key";
import { logger } from "@/server/core/logging/logger";
import { noteFailure } from "@/server/core/logging/request-scope";
import type { AnyResource } from "@/server/core/resource";
import { createEndpointGate, type EndpointGateOptions, endpointLimits } from "../endpoint-gate";
import { MAX_BATCH_REQUESTS, readBatchItems } from "./batch-body";
import { BatchAbort, isStatementTimeout } from "./batch-call";
import { type PlannedRequest, PlanRefusal, planBatch } from "./batch-plan";
import { BatchFailure, runBatch } from "./batch-run";
import { PocketBaseRefusal, pocketBaseError, pocketBaseJson } from "./errors";
import { behindGate } from "./gate-refusal";

type Registry = Record<string, AnyResource>;

export const BATCH_PATH = "/api/batch";
/** How long a batch's transaction may take; PocketBase's default is 3 s, for SQLite in process. */
export const BATCH_TIMEOUT_MS = 10_000;

export interface BatchOptions extends EndpointGateOptions {
  timeoutMs?: number;
}

/** What the request log names for a batch request: its requests' procedures (`posts.create`), once known. */
const named = new WeakMap<Request, string[]>();

export function batchProcedures(_url: URL, _method: string, req?: Request): string[] {
  return (req && named.get(req)) ?? [];
}

type Prepared = { plan: PlannedRequest[] } | { answer: Response };

export function createPocketBaseBatch(
  registry: Registry,
  options: BatchOptions = {},
): (req: Request) => Promise<Response> {
  // An upsert may count against two procedures; the number of requests is bounded by batch-body.ts.
  const defaults = { maxBatch: 2 * MAX_BATCH_REQUESTS };
  const limits = endpointLimits({ defaults }, options);
  const calls = new WeakMap<Request, string[]>();
  const gate = createEndpointGate(
    { endpoint: BATCH_PATH, calls: (_url, req) => ({ paths: calls.get(req) ?? [], batch: true }), registry, defaults },
    options,
  );

  return async (req) => {
    if (req.method === "OPTIONS") return gate(req, async () => new Response(null, { status: 204 }));
    if (req.method !== "POST") {
      return pocketBaseError(405, `${req.method} is not allowed here; use POST.`, {}, { allow: "POST" });
    }
    const prepared = await prepare(req, registry, limits().bodyLimitBytes);
    const procedures = "plan" in prepared ? prepared.plan.flatMap((request) => request.procedures) : [];
    named.set(req, procedures);
    // The body is read: the gate is handed the request without it (its declared length is still checked).
    const forward = new Request(req.url, { method: req.method, headers: req.headers, signal: req.signal });
    calls.set(forward, procedures);
    return behindGate(gate, forward, async (_req, caller) => {
      if ("answer" in prepared) return prepared.answer;
      return run(req, prepared.plan, caller, registry, options.timeoutMs ?? BATCH_TIMEOUT_MS);
    });
  };
}

/** The batch read and planned, or the answer that refuses it. */
async function prepare(req: Request, registry: Registry, bodyLimit: number): Promise<Prepared> {
  if (req.headers.has(IDEMPOTENCY_HEADER)) {
    // A key names one mutation; a batch is many, so a retry could not be answered from it: refused, not ignored.
    const message = "names one write; send keyed writes one per request, not in a batch";
    return {
      answer: pocketBaseError(
        400,
        `Something went wrong while processing your request: ${IDEMPOTENCY_HEADER} ${message}.`,
        {
          [IDEMPOTENCY_HEADER]: { code: "validation_not_supported", message },
        },
      ),
    };
  }
  try {
    return { plan: await planBatch(await readBatchItems(req, bodyLimit), registry) };
  } catch (error) {
    if (error instanceof PocketBaseRefusal) return { answer: error.response };
    if (error instanceof PlanRefusal) {
      return { answer: batchFailure(error.index, await error.response.json().catch(() => null)) };
    }
    throw error;
  }
}

async function run(
  req: Request,
  plan: PlannedRequest[],
  given: ActorResolution | null,
  registry: Registry,
  timeoutMs: number,
): Promise<Response> {
  try {
    // The gate could not tell who is calling (the database hiccuped): ask once more, as the REST handler does.
    const caller = given ?? (await resolveActor(getDb(), req.headers));
    const done = await runBatch(getDb(), plan, caller, req.headers, registry, timeoutMs);
    named.set(req, done.procedures);
    return pocketBaseJson(200, done.results);
  } catch (error) {
    if (error instanceof BatchFailure) return batchFailure(error.index, error.response);
    return notTheClients(error, timeoutMs);
  }
}

/** PocketBase's answer when a request of the batch failed: everything rolled back, that request's answer inside. */
function batchFailure(index: number, response: unknown): Response {
  return pocketBaseJson(400, {
    status: 400,
    message: "Batch transaction failed.",
    data: {
      requests: {
        [String(index)]: { code: "batch_request_failed", message: "Batch request failed.", response },
      },
    },
  });
}

/** The database gone (503, with Retry-After), the batch's time up (PocketBase's 400), or an internal error (500). */
function notTheClients(error: unknown, timeoutMs: number): Response {
  const abort = error instanceof BatchAbort ? error : null;
  // A statement outside any procedure (a savepoint, the commit) may be the one that runs out of time.
  if (abort?.reason === "timeout" || (!abort && isStatementTimeout(error))) {
    return pocketBaseError(400, "Batch transaction failed.", {
      requests: {
        code: "batch_timeout",
        message: `The batch ran past ${timeoutMs / 1000} s and was rolled back; send fewer requests at once.`,
      },
    });
  }
  const cause = abort ? abort.cause : error;
  if (abort?.reason === "unavailable" || isDatabaseUnavailable(cause)) {
    const availability = getAvailability();
    if (isDatabaseUnavailable(cause)) availability.report(cause);
    return pocketBaseError(
      503,
      DATABASE_UNAVAILABLE_MESSAGE,
      {},
      { "retry-after": String(availability.retryAfterSeconds) },
    );
  }
  const where = abort?.procedure || "batch";
  noteFailure(cause);
  logger("pocketbase").error({ err: cause, procedure: where }, `${where} failed in ${BATCH_PATH}`);
  return pocketBaseError(500, "Something went wrong on our side.");
}
