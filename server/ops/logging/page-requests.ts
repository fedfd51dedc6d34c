/**
 * Pages, server actions and client-side navigations in the log and the request log, the way route handlers are.
 *
 * Next gives the app no hook around a page's answer (proxy.ts runs before routing and never sees the status;
 * onRequestError sees failures only), so this listens one level down, on Node's own HTTP server events
 * (`node:diagnostics_channel`, "http.server.request.start"), which every request reaches before Next does. API
 * requests are left to their wrapper (with-request-log.ts, which knows the procedure and the caller), and Next's
 * own files and static files are not logged. For the rest it:
 * - gives the request its id (the caller's `X-Request-Id` when well-formed, else a fresh one) on the request itself,
 *   so a server action's audit entries carry it, and on the answer;
 * - when the answer has gone (or the client has), writes one line and reports the request like any other: the
 *   route as its pattern, the status (499 when the client left first), the time to the last byte, the caller (from
 *   the session cookie), address and user agent.
 */
import { randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { authSecret } from "@/server/auth/secret";
import { sessionClaims } from "@/server/auth/session-cookie";
import { logger } from "@/server/core/logging/logger";
import type { FinishedRequest } from "@/server/ops/request-events";
import { loadPageRoutes, type PageRoutes, pathnameOf } from "./page-routes";
import { acceptedRequestId, ipOf, reportRequest } from "./with-request-log";

const CHANNEL = "http.server.request.start";
/** nginx's status for a request whose client closed the connection before the answer was complete. */
export const CLIENT_CLOSED = 499;
/** A path ending in a file extension is a static file (public/, icons, manifests), never a page. */
const FILE = /\.[a-z0-9]{1,8}$/i;

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
}

interface PageLogState {
  listener: (message: unknown) => void;
}

const state = globalThis as unknown as { atriumPageLog?: PageLogState };

/** Starts logging page requests (once per process). */
export function startPageRequestLog(routes: PageRoutes = loadPageRoutes()): void {
  if (state.atriumPageLog) return;
  const actors = new ActorCache();
  const listener = (message: unknown) => {
    // A logging failure must never cost a page its answer.
    try {
      const { request, response } = message as RequestStart;
      onPageRequest(request, response, routes, actors);
    } catch (error) {
      logger("http").error({ err: error }, "logging a page request failed");
    }
  };
  subscribe(CHANNEL, listener);
  state.atriumPageLog = { listener };
}

export function stopPageRequestLog(): void {
  if (!state.atriumPageLog) return;
  unsubscribe(CHANNEL, state.atriumPageLog.listener);
  state.atriumPageLog = undefined;
}

function onPageRequest(request: IncomingMessage, response: ServerResponse, routes: PageRoutes, actors: ActorCache) {
  const pathname = pathnameOf(request.url ?? "/");
  if (notAPage(pathname)) {
    return;
  }
  const at = new Date();
  const started = performance.now();
  const given = request.headers["x-request-id"];
  const requestId = acceptedRequestId(typeof given === "string" ? given : null) ?? randomUUID();
  // Before Next reads the request: headers() in a server action (and so its audit entries) sees this id.
  request.headers["x-request-id"] = requestId;
  response.setHeader("x-request-id", requestId);
  response.once("close", () => {
    const status = response.writableFinished ? response.statusCode : CLIENT_CLOSED;
    const durationMs = performance.now() - started;
    const route = routes.match(pathname) ?? (status === 404 ? "/_not-found" : null);
    // A path no page has that did not answer 404 (a redirect Next made, a static file): not a page request.
    if (route === null) return;
    const headers = headerReader(request.headers);
    void actors.of(headers).then((actorId) => {
      const finished: FinishedRequest = {
        requestId,
        at,
        method: request.method ?? "GET",
        route,
        procedures: [],
        status,
        durationMs,
        actorId,
        ip: ipOf(headers),
        userAgent: headers.get("user-agent")?.slice(0, 512) || null,
        error: null,
      };
      reportRequest(finished, { extra: { page: true, ...kindOf(request.headers) } });
    });
  });
}

/** API routes log themselves; Next's files (and its dev overlay's) and static files are not page requests. */
function notAPage(pathname: string): boolean {
  return (
    pathname === "/api" ||
    pathname.startsWith("/api/") ||
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/__nextjs") ||
    FILE.test(pathname)
  );
}

/** What kind of page request this is, as Next's client marks it. */
function kindOf(headers: IncomingHttpHeaders): Record<string, boolean> {
  if (headers["next-action"] !== undefined) return { action: true };
  if (headers["next-router-prefetch"] !== undefined) return { prefetch: true };
  if (headers.rsc !== undefined) return { rsc: true };
  return {};
}

/** Reads the raw headers as a Headers would, without copying them (a Headers validates every value it is given). */
function headerReader(raw: IncomingHttpHeaders): Pick<Headers, "get"> {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      return typeof value === "string" ? value : null;
    },
  };
}

/**
 * The signed-in user of a cookie, remembered for a minute per cookie (bounded): a session cookie is decrypted once
 * for a burst of a page's requests (the page, its prefetches, its navigations), not once each.
 */
class ActorCache {
  /** The lookup itself is kept, so the requests of a burst that arrive before it ends wait on the same one. */
  private readonly entries = new Map<string, { actorId: Promise<string | null>; until: number }>();

  constructor(
    private readonly max = 1_000,
    private readonly ttlMs = 60_000,
  ) {}

  of(headers: Pick<Headers, "get">): Promise<string | null> {
    const cookie = headers.get("cookie");
    if (!cookie?.includes("authjs.session-token")) return Promise.resolve(null);
    const now = Date.now();
    const known = this.entries.get(cookie);
    if (known && known.until > now) return known.actorId;
    // An unreadable cookie is an anonymous caller, as everywhere else.
    const actorId = Promise.resolve()
      .then(() => sessionClaims(new Headers({ cookie }), authSecret()))
      .then((claims) => claims?.sub ?? null)
      .catch(() => null);
    this.entries.delete(cookie);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(cookie, { actorId, until: now + this.ttlMs });
    return actorId;
  }
}
