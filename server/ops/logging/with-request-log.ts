/**
 * The wrapper around every route handler under app/api: `export const GET = withRequestLog("/api/health", handler)`.
 * It gives the request its id (the caller's `X-Request-Id` when well-formed, else a fresh one), stamps it on the
 * request handed on (the tRPC context and so the audit entries read the same id) and on the answer, runs the handler
 * in a request scope that learns the caller, and once the answer's headers are ready writes one log line and reports
 * the request to the request log and the metrics (request-events.ts). A handler that throws is answered 500 with the
 * request id, and its stack goes to the log only.
 */
import { randomUUID } from "node:crypto";
import { clientIp } from "@/server/auth/client-ip";
import { flatLogger, logger } from "@/server/core/logging/logger";
import { errorMessage } from "@/server/core/logging/redact";
import { type RequestScope, runInRequestScope } from "@/server/core/logging/request-scope";
import { procedureCalls } from "@/server/http/batch";
import { type FinishedRequest, requestFinished } from "@/server/ops/request-events";

/** The rule tRPC's context applies to a caller's id (server/trpc.ts): anything else is replaced, never trusted. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;
/** A procedure or action name as the log keeps it; anything else is logged as "?". */
const NAME = /^[\w./-]{1,100}$/;
const MAX_PROCEDURES = 50;

export interface RequestLogOptions {
  /**
   * The procedures (tRPC) or the action (Auth.js) a request names, from its URL; untrusted text, bounded here. `req`
   * is the request the handler was given, for a handler that noted what it found (the REST API's route).
   */
  procedures?: (url: URL, method: string, req: Request) => string[];
}

export function acceptedRequestId(given: string | null): string | null {
  return given !== null && REQUEST_ID.test(given) ? given : null;
}

type Handler<R extends Request, A extends unknown[]> = (req: R, ...rest: A) => Response | Promise<Response>;

export function withRequestLog<R extends Request, A extends unknown[]>(
  route: string,
  handler: Handler<R, A>,
  options: RequestLogOptions = {},
): (req: R, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => {
    const at = new Date();
    const started = performance.now();
    const requestId = acceptedRequestId(req.headers.get("x-request-id")) ?? randomUUID();
    stampRequestId(req.headers, requestId);
    const scope: RequestScope = { requestId, actorId: null, failure: null };
    let response: Response;
    let thrown = false;
    try {
      response = await runInRequestScope(scope, () => handler(req, ...rest));
    } catch (error) {
      thrown = true;
      scope.failure = error;
      response = Response.json(
        { error: { message: "Something went wrong on our side.", requestId } },
        { status: 500, headers: { "cache-control": "no-store" } },
      );
    }
    report(req, route, scope, thrown, response.status, performance.now() - started, at, options);
    return withHeader(response, "x-request-id", requestId);
  };
}

/** The tRPC procedures of a request to `endpoint` (several for a batch), read as the gate reads them. */
export function trpcProcedures(endpoint: string): (url: URL) => string[] {
  return (url) => procedureCalls(url, endpoint).paths;
}

/** The Auth.js action of a request under `/api/auth/` (`csrf`, `callback/credentials`, `signout`). */
export function authAction(url: URL): string[] {
  const action = url.pathname.replace(/^\/api\/auth\/?/, "");
  return [/^[a-z]{1,30}(\/[\w-]{1,40})?$/i.test(action) ? action : "?"];
}

function report(
  req: Request,
  route: string,
  scope: RequestScope,
  thrown: boolean,
  status: number,
  durationMs: number,
  at: Date,
  options: RequestLogOptions,
): void {
  // Logging must never cost the caller their answer.
  try {
    const procedures = options.procedures ? boundedNames(options.procedures(new URL(req.url), req.method, req)) : [];
    const finished: FinishedRequest = {
      requestId: scope.requestId,
      at,
      method: req.method,
      route,
      procedures,
      status,
      durationMs,
      actorId: scope.actorId,
      ip: ipOf(req.headers),
      userAgent: req.headers.get("user-agent")?.slice(0, 512) || null,
      error: scope.failure === null ? null : errorMessage(scope.failure),
    };
    // A failure the handler answered itself was logged with its stack where it happened; a throw is logged here.
    reportRequest(finished, { thrown: thrown ? scope.failure : null });
  } catch (error) {
    logger("http").error({ err: error }, "logging a request failed");
  }
}

/**
 * Writes a finished request's log line and hands it to the request log and the metrics. `thrown`: the error the
 * handler threw, whose stack goes to the line; `extra`: a few more fields for the line only (a page's `rsc`).
 */
export function reportRequest(
  request: FinishedRequest,
  { thrown = null, extra = {} }: { thrown?: unknown; extra?: Record<string, string | boolean> } = {},
): void {
  writeLine(request, thrown, extra);
  requestFinished(request);
}

function writeLine(request: FinishedRequest, thrown: unknown, extra: Record<string, string | boolean>): void {
  const level = request.error !== null || request.status === 500 ? "error" : request.status > 500 ? "warn" : "info";
  const http = flatLogger("http");
  // The line is built only when it will be written (LOG_LEVEL=warn skips every success).
  if (!http.isLevelEnabled(level)) return;
  const { at: _at, error, procedures, durationMs, ...fields } = request;
  const line = {
    ...fields,
    ...(procedures.length > 0 ? { procedure: procedures.join(",") } : {}),
    ...extra,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(thrown !== null ? { err: thrown } : error !== null ? { error } : {}),
  };
  http[level](line, `${request.method} ${request.route} ${request.status} ${line.durationMs} ms`);
}

function boundedNames(names: string[]): string[] {
  return names
    .filter((name) => name !== "")
    .slice(0, MAX_PROCEDURES)
    .map((name) => (NAME.test(name) ? name : "?"));
}

export function ipOf(headers: Pick<Headers, "get">): string | null {
  try {
    const ip = clientIp(headers);
    return ip === "unknown" ? null : ip.slice(0, 100);
  } catch {
    return null;
  }
}

/** Hands the id on in the request's own headers; a request whose headers are sealed keeps its own (the scope has it). */
function stampRequestId(headers: Headers, requestId: string): void {
  try {
    if (headers.get("x-request-id") !== requestId) headers.set("x-request-id", requestId);
  } catch {
    // Immutable headers: the tRPC context takes the id from the request scope instead.
  }
}

/** The answer with one more header; an answer whose headers are sealed (a redirect) is copied around its body. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
