/**
 * The REST API (`/api/v1`, docs/rest.md): plain JSON over the same procedures tRPC serves. A request is mapped to one
 * procedure (route-map.ts), passes the same gate as /api/trpc (size, origin, CORS, database, caller, rate limits
 * counted against that procedure), and is run through a server-side tRPC caller with the same context, so rules,
 * hooks, audit, live updates, idempotency keys and read-only tokens behave exactly as over tRPC. Errors are
 * `{ code, message, fieldErrors }` with tRPC's status for the code; values are plain JSON (rest/values.ts).
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { getAvailability, getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import type { FieldErrors } from "@/server/core/errors";
import { logger } from "@/server/core/logging/logger";
import { noteActor, noteFailure } from "@/server/core/logging/request-scope";
import type { RateLimitConfig } from "@/server/core/resource";
import { inspectInput } from "@/server/core/wire";
import { resources } from "@/server/resources";
import { createCaller } from "@/server/router";
import { clientError, createContext, createRequestContext } from "@/server/trpc";
import { createGate, type RequestLimiter } from "../gate";
import { type GateLimits, gateLimitsFromEnv } from "../limits";
import { LiveSlots } from "../live-slots";
import { SharedRateLimiter } from "../rate-limit";
import { restInput } from "./input";
import { queryInput } from "./query";
import { type RestRoute, restRoute } from "./route-map";
import { encodeOutput } from "./values";

export const REST_PREFIX = "/api/v1";

export interface RestHandlerOptions {
  limiter?: RequestLimiter;
  limits?: Partial<GateLimits>;
}

type Call = (input: unknown) => Promise<unknown>;

export function createRestHandler(options: RestHandlerOptions = {}): (req: Request) => Promise<Response> {
  const limits = () => ({ ...gateLimitsFromEnv(), ...options.limits });
  /** Each request's procedure, decided before the gate (below), so the gate counts that procedure's limits. */
  const routes = new WeakMap<Request, RestRoute>();
  const gate = createGate({
    endpoint: REST_PREFIX,
    calls: (_url, req) => {
      const route = routes.get(req);
      return { paths: route ? [`${route.resource}.${route.procedure}`] : [], batch: false };
    },
    limits,
    limiter: options.limiter ?? new SharedRateLimiter(getDb),
    // REST has no live streams (tRPC's onChange does).
    liveSlots: new LiveSlots(() => 0),
    resolveCaller: async (headers) => {
      const caller = await resolveActor(getDb(), headers);
      noteActor(caller.actor);
      return caller;
    },
    resourceLimits: (name): RateLimitConfig | undefined =>
      Object.hasOwn(resources, name) ? resources[name as keyof typeof resources].rateLimit : undefined,
    isSubscription: () => false,
    database: getAvailability,
  });

  return async (req) => {
    const segments = pathSegments(new URL(req.url).pathname);
    if (segments === null) return restError(400, "BAD_REQUEST", "The path is not valid URL-encoded text.");
    let route: RestRoute | undefined;
    if (req.method !== "OPTIONS") {
      const found = restRoute(req.method, segments, resources);
      if ("status" in found) {
        const code = found.status === 405 ? "METHOD_NOT_SUPPORTED" : "NOT_FOUND";
        return restError(found.status, code, found.message, { headers: found.allow ? { allow: found.allow } : {} });
      }
      route = found;
      routes.set(req, found);
    }
    let answered = false;
    const answer = await gate(req, (forward, caller) => {
      answered = true;
      return dispatch(forward, caller, route as RestRoute);
    });
    // Anything the gate answered itself (a refusal) is in tRPC's error shape: REST clients get theirs.
    return answered ? answer : fromGateRefusal(answer);
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
    return restError(503, "SERVICE_UNAVAILABLE", "The database is not answering; try again shortly.", {
      headers: { "retry-after": String(availability.retryAfterSeconds) },
    });
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

function invalid(fieldErrors: FieldErrors): Response {
  const message = Object.entries(fieldErrors)
    .slice(0, 3)
    .map(([field, messages]) => (field ? `${field}: ${messages[0]}` : messages[0]))
    .join("; ");
  return restError(400, "BAD_REQUEST", message || "The request is invalid.", { fieldErrors });
}

type RestErrorCode = TRPC_ERROR_CODE_KEY | "METHOD_NOT_SUPPORTED" | "UNSUPPORTED_MEDIA_TYPE";

export function restError(
  status: number,
  code: RestErrorCode,
  message: string,
  options: { fieldErrors?: FieldErrors | null; headers?: Record<string, string> | undefined } = {},
): Response {
  return jsonResponse(status, { code, message, fieldErrors: options.fieldErrors ?? null }, options.headers);
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
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
