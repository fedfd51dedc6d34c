/**
 * One REST call of a batch, run as the REST handler runs it (server/http/rest/handler.ts) but on the batch's caller,
 * whose context holds the batch's transaction: the route picks the procedure (restRoute), the query and body become
 * its input (queryInput, restInput, with the same wire guard), and the answer is REST's JSON with REST's status, so
 * records.ts's `recordsAnswer` turns it into PocketBase's. What is the client's doing (a refused or invalid request)
 * comes back as an answer; what is not (the database gone, an internal error, the batch's time up) is a BatchAbort,
 * thrown: the whole batch stops, rolls back and answers 503 or 500 without internals.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { isDatabaseUnavailable } from "@/db/unavailable";
import type { FieldErrors } from "@/server/core/errors";
import type { AnyResource } from "@/server/core/resource";
import type { JsonValue } from "@/server/core/rest/json-codecs";
import { inspectInput } from "@/server/core/wire";
import { pathSegments } from "@/server/http/rest/handler";
import { restInput } from "@/server/http/rest/input";
import { queryInput } from "@/server/http/rest/query";
import { restRoute } from "@/server/http/rest/route-map";
import { encodeOutput } from "@/server/http/rest/values";
import { clientError } from "@/server/trpc";

type Registry = Record<string, AnyResource>;

/** A server-side caller's procedures by resource and name (`createCaller(ctx).posts.create`). */
export type Procedures = Record<string, Record<string, ((input: unknown) => Promise<unknown>) | undefined> | undefined>;

/** A REST answer: its status and its JSON (a record, or `{ code, message, fieldErrors }`). */
export interface RestAnswer {
  status: number;
  json: JsonValue;
}

export type AbortReason = "unavailable" | "internal" | "timeout";

/** Stops the batch for a reason that is not the client's: thrown through the transaction, which rolls back. */
export class BatchAbort {
  constructor(
    readonly reason: AbortReason,
    readonly cause: unknown = null,
    readonly procedure = "",
  ) {}
}

const ORIGIN = "http://batch.invalid";
const WRITES = new Set(["create", "update"]);

function refused(status: number, code: string, message: string, fieldErrors: FieldErrors | null = null): RestAnswer {
  return { status, json: { code, message, fieldErrors } };
}

/** REST's 400 naming the fields, its message the first few of them. */
function invalid(fieldErrors: FieldErrors): RestAnswer {
  const message = Object.entries(fieldErrors)
    .slice(0, 3)
    .map(([field, messages]) => (field ? `${field}: ${messages[0]}` : messages[0]))
    .join("; ");
  return refused(400, "BAD_REQUEST", message || "The request is invalid.", fieldErrors);
}

/** Runs `method target` (a path and query under /api/v1) with `body` on `procedures`. */
export async function runRestCall(
  procedures: Procedures,
  method: string,
  target: string,
  body: unknown,
  registry: Registry,
): Promise<RestAnswer> {
  const url = new URL(target, ORIGIN);
  const segments = pathSegments(url.pathname);
  if (segments === null) return refused(400, "BAD_REQUEST", "The path is not valid URL-encoded text.");
  const route = restRoute(method, segments, registry);
  if ("status" in route)
    return refused(route.status, route.status === 405 ? "METHOD_NOT_SUPPORTED" : "NOT_FOUND", route.message);
  const query = queryInput(route.operation, url.searchParams);
  if (!query.ok) return invalid(query.fieldErrors);
  if (WRITES.has(route.operation)) {
    // The records API read the body from the client's JSON; the same guard as any REST body (prototype keys, NUL,
    // depth), as no wire guard runs for a server-side caller.
    const problems = inspectInput(body);
    if (problems) return invalid(problems.toObject());
  }
  const built = restInput(route, query.input, WRITES.has(route.operation) ? body : undefined, registry);
  if (!built.ok) return invalid(built.fieldErrors);
  const procedure = `${route.resource}.${route.procedure}`;
  const call = procedures[route.resource]?.[route.procedure];
  if (!call) return refused(404, "NOT_FOUND", `There is no ${procedure}.`);
  try {
    const result = await call(built.input);
    // Exactly the JSON the REST handler would send.
    const json = JSON.parse(JSON.stringify(encodeOutput(route, result, registry) ?? null)) as JsonValue;
    return { status: route.operation === "create" ? 201 : 200, json };
  } catch (error) {
    return failure(error, procedure);
  }
}

/** A thrown error as REST's answer when it is the client's; a BatchAbort when it is not. */
function failure(error: unknown, procedure: string): RestAnswer {
  const trpc = error instanceof TRPCError ? error : null;
  if (isDatabaseUnavailable(error) || trpc?.code === "SERVICE_UNAVAILABLE" || isDatabaseUnavailable(trpc?.cause)) {
    throw new BatchAbort("unavailable", trpc?.cause ?? error, procedure);
  }
  if (isStatementTimeout(error)) throw new BatchAbort("timeout", error, procedure);
  if (!trpc || trpc.code === "INTERNAL_SERVER_ERROR") throw new BatchAbort("internal", trpc?.cause ?? error, procedure);
  const { message, fieldErrors } = clientError(trpc, trpc.message);
  return refused(getHTTPStatusCodeFromError(trpc), trpc.code, message, fieldErrors);
}

/** PostgreSQL's query_canceled: the batch's statement_timeout (batch-run.ts) ran out. */
export function isStatementTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "57014") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
