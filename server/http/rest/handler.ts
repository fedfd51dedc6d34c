/**
 * The REST API (`/api/v1`, docs/rest.md): plain JSON over the same procedures tRPC serves. A request is mapped to one
 * procedure (route-map.ts), passes the same gate as /api/trpc (rest-gate.ts: size, origin, CORS, database, caller,
 * rate limits counted against that procedure), and is run through a server-side tRPC caller with the same context,
 * so rules, hooks, audit, live updates, idempotency keys and read-only tokens behave exactly as over tRPC. Errors are
 * `{ code, message, fieldErrors }` with tRPC's status for the code (errors.ts); values are plain JSON (values.ts).
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import type { ActorResolution } from "@/server/auth/actor";
import { logger } from "@/server/core/logging/logger";
import { noteFailure } from "@/server/core/logging/request-scope";
import { inspectInput } from "@/server/core/wire";
import { resources } from "@/server/resources";
import { createCaller } from "@/server/router";
import { clientError, createContext, createRequestContext } from "@/server/trpc";
import { databaseUnavailable, invalid, jsonResponse, restError } from "./errors";
import { restInput } from "./input";
import { queryInput } from "./query";
import { createRestGate, type RestGateOptions } from "./rest-gate";
import { type RestRoute, restRoute } from "./route-map";
import { encodeOutput } from "./values";

export { restError } from "./errors";

export const REST_PREFIX = "/api/v1";

export type RestHandlerOptions = RestGateOptions;

type Call = (input: unknown) => Promise<unknown>;

export function createRestHandler(options: RestHandlerOptions = {}): (req: Request) => Promise<Response> {
  const gate = createRestGate(REST_PREFIX, options);
  return async (req) => {
    const segments = pathSegments(new URL(req.url).pathname);
    if (segments === null) return restError(400, "BAD_REQUEST", "The path is not valid URL-encoded text.");
    // A preflight names no procedure, and the gate answers it before it would dispatch anything.
    if (req.method === "OPTIONS") return gate(req, [], async () => new Response(null, { status: 204 }));
    // The procedure is decided before the gate, so the gate counts that procedure's limits.
    const route = restRoute(req.method, segments, resources);
    if ("status" in route) {
      const code = route.status === 405 ? "METHOD_NOT_SUPPORTED" : "NOT_FOUND";
      return restError(route.status, code, route.message, { headers: route.allow ? { allow: route.allow } : {} });
    }
    return gate(req, [`${route.resource}.${route.procedure}`], (forward, caller) => dispatch(forward, caller, route));
  };
}

/** The path under /api/v1 as decoded segments; null when it is not valid percent-encoding. */
export function pathSegments(pathname: string): string[] | null {
  const rest = pathname.startsWith(`${REST_PREFIX}/`) ? pathname.slice(REST_PREFIX.length + 1) : "";
  try {
    return rest
      .split("/")
      .filter((segment, i, all) => segment !== "" || i < all.length - 1)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

async function dispatch(req: Request, caller: ActorResolution | null, route: RestRoute): Promise<Response> {
  const query = queryInput(route.operation, new URL(req.url).searchParams);
  if (!query.ok) return invalid(query.fieldErrors);
  const body = await readJsonBody(req, route);
  if ("error" in body) return body.error;
  const built = restInput(route, query.input, body.value, resources);
  if (!built.ok) return invalid(built.fieldErrors);
  try {
    const db = getDb();
    const ctx = caller
      ? createContext({
          db,
          headers: req.headers,
          actor: caller.actor,
          ...(caller.refused ? { refused: caller.refused } : {}),
        })
      : await createRequestContext(db, req.headers);
    const procedures = createCaller(ctx) as unknown as Record<string, Record<string, Call | undefined> | undefined>;
    const call = procedures[route.resource]?.[route.procedure];
    if (!call) return restError(404, "NOT_FOUND", `There is no ${route.resource}.${route.procedure}.`);
    const result = await call(built.input);
    const status = route.operation === "create" ? 201 : 200;
    const response = jsonResponse(status, encodeOutput(route, result, resources));
    if (route.operation === "create") {
      const id = (result as Record<string, unknown> | null)?.[
        resources[route.resource as keyof typeof resources].info.idKey
      ];
      if (typeof id === "string" || typeof id === "number") {
        response.headers.set("location", `${REST_PREFIX}/${route.resource}/${encodeURIComponent(String(id))}`);
      }
    }
    return response;
  } catch (error) {
    return failure(error, route);
  }
}

/** A thrown error as the client sees it: tRPC's code and status, its message and field errors, never internals. */
function failure(error: unknown, route: RestRoute): Response {
  if (isDatabaseUnavailable(error) || (error instanceof TRPCError && isDatabaseUnavailable(error.cause))) {
    const availability = getAvailability();
    availability.report(error instanceof TRPCError ? error.cause : error);
    return databaseUnavailable(availability.retryAfterSeconds);
  }
  const trpc = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  if (trpc.code === "INTERNAL_SERVER_ERROR") {
    const procedure = `${route.resource}.${route.procedure}`;
    noteFailure(trpc.cause ?? trpc);
    logger("rest").error({ err: trpc.cause ?? trpc, procedure }, `${procedure} failed`);
  }
  const { message, fieldErrors } = clientError(trpc, trpc.message);
  const headers: Record<string, string> = {};
  if (trpc.code === "SERVICE_UNAVAILABLE") headers["retry-after"] = String(getAvailability().retryAfterSeconds);
  return restError(getHTTPStatusCodeFromError(trpc), trpc.code, message, { fieldErrors, headers });
}

const WRITES = new Set(["create", "update", "createMany", "updateMany", "deleteMany", "action"]);

/** The JSON body of a write (an object); reads and deletes take none. */
async function readJsonBody(req: Request, route: RestRoute): Promise<{ value: unknown } | { error: Response }> {
  const text = await req.text();
  if (!WRITES.has(route.operation)) {
    return text.trim() === ""
      ? { value: undefined }
      : { error: restError(400, "BAD_REQUEST", `${req.method} here takes no body.`) };
  }
  if (text.trim() === "") return { value: route.operation === "action" ? undefined : {} };
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return {
      error: restError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json)."),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: restError(400, "BAD_REQUEST", "The body is not valid JSON.") };
  }
  const problems = inspectInput(value);
  if (problems) return { error: invalid(problems.toObject()) };
  return { value };
}
