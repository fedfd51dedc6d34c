/**
 * Page requests through a real Node HTTP server (the one Next runs on is the same `node:http`): each gets one line and
 * one report with its route as a pattern, status, duration, caller and request id (echoed, and handed on in the
 * request's own headers); the query never reaches the log; API routes, Next's files and static files are left alone;
 * a client that leaves first is a 499; a flood of hostile targets never throws and never names more routes than
 * the pages have. The routes are given in the form a build's routes-manifest.json lists them (page-routes.test.ts).
 */
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { type CapturedLogs, captureLogs } from "@/server/core/logging/testing";
import { type FinishedRequest, onRequestFinished } from "@/server/ops/request-events";
import { CLIENT_CLOSED, startPageRequestLog, stopPageRequestLog } from "./page-requests";
import { pageRoutes } from "./page-routes";

const PASSWORD = "page-log passphrase 3f81c2";
const ROUTES = pageRoutes([
  { page: "/", regex: "^/(?:/)?$" },
  { page: "/admin", regex: "^/admin(?:/)?$" },
  { page: "/reset-password", regex: "^/reset\\-password(?:/)?$" },
  { page: "/_not-found", regex: "^/_not\\-found(?:/)?$" },
  { page: "/notes/[note]", regex: "^/notes/([^/]+?)(?:/)?$" },
  { page: "/admin/[resource]/[id]", regex: "^/admin/([^/]+?)/([^/]+?)(?:/)?$" },
]);

let t: TestDatabase;
let server: Server;
let origin: string;
let logs: CapturedLogs;
let stopListening: () => void;
const reports: FinishedRequest[] = [];
/** The x-request-id each request carried when the app (here, the handler) saw it. */
const seenIds: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  logs = captureLogs();
  startPageRequestLog(ROUTES);
  stopListening = onRequestFinished((request) => reports.push(request));
  server = createServer((req: IncomingMessage, res) => {
    seenIds.push(String(req.headers["x-request-id"]));
    const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
    if (query.has("slow")) {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>");
      return; // never ends: the client leaves first
    }
    const status = Number(query.get("status") ?? 200);
    res.writeHead(status, { "content-type": "text/html" }).end("<p>page</p>");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  stopPageRequestLog();
  stopListening();
  logs.restore();
  server.closeAllConnections();
  server.close();
  await t.drop();
});

beforeEach(() => {
  reports.length = 0;
  seenIds.length = 0;
  logs.clear();
});

/** Waits until `n` requests were reported (a report follows the answer, after the cookie is read). */
async function reported(n: number): Promise<FinishedRequest[]> {
  for (let i = 0; i < 200 && reports.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return reports;
}

describe("a page request", () => {
  it("gets one line and one report: pattern, status, duration, request id echoed and handed on, no query", async () => {
    const response = await fetch(`${origin}/notes/hello-world?token=secret-reset-token-123&status=200`, {
      headers: { "user-agent": "page-log-test/1.0", "x-forwarded-for": "203.0.113.9" },
    });
    await response.text();
    const [report] = await reported(1);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenIds).toEqual([requestId]);
    expect(report).toMatchObject({
      requestId,
      method: "GET",
      route: "/notes/[note]",
      procedures: [],
      status: 200,
      actorId: null,
      ip: "203.0.113.9",
      userAgent: "page-log-test/1.0",
      error: null,
    });
    expect(report?.durationMs).toBeGreaterThanOrEqual(0);
    const lines = logs.entries().filter((line) => line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ area: "http", route: "/notes/[note]", status: 200, page: true });
    expect(logs.text()).not.toContain("secret-reset-token-123");
    expect(logs.text()).not.toContain("hello-world");
  });

  it("keeps a well-formed X-Request-Id and replaces any other", async () => {
    await (await fetch(`${origin}/admin`, { headers: { "x-request-id": "trace-42.a:b" } })).text();
    const bad = await fetch(`${origin}/admin`, { headers: { "x-request-id": "no spaces <here>" } });
    await bad.text();
    const [kept, replaced] = await reported(2);
    expect(kept?.requestId).toBe("trace-42.a:b");
    expect(replaced?.requestId).toBe(bad.headers.get("x-request-id"));
    expect(replaced?.requestId).not.toContain("<");
  });

  it("names the signed-in caller from the session cookie", async () => {
    const user = await createUserWithPassword(
      t.db,
      { name: "Pia Pages", email: "pia@pages.test", role: "member" },
      PASSWORD,
    );
    const cookie = await signInCookie(t.db, user.email, PASSWORD);
    for (let i = 0; i < 3; i++) await (await fetch(`${origin}/admin`, { headers: { cookie } })).text();
    await (await fetch(`${origin}/admin`, { headers: { cookie: "authjs.session-token=forged" } })).text();
    const all = await reported(4);
    // A report waits for its cookie to be read, so the forged one (refused at once) may come first.
    expect(all.map((r) => r.actorId ?? "none").sort()).toEqual([user.id, user.id, user.id, "none"].sort());
    expect(logs.text()).not.toContain(cookie.split("=")[1] as string);
  });

  it("marks server actions, prefetches and navigations, and logs an answer's status as sent", async () => {
    await (await fetch(`${origin}/admin`, { method: "POST", headers: { "next-action": "abc" } })).text();
    await (await fetch(`${origin}/admin`, { headers: { rsc: "1", "next-router-prefetch": "1" } })).text();
    await (await fetch(`${origin}/admin?status=500`, { headers: { rsc: "1" } })).text();
    await (await fetch(`${origin}/nowhere/at/all?status=404`)).text();
    const all = await reported(4);
    expect(all.map((r) => [r.method, r.route, r.status])).toEqual([
      ["POST", "/admin", 200],
      ["GET", "/admin", 200],
      ["GET", "/admin", 500],
      ["GET", "/_not-found", 404],
    ]);
    const lines = logs.entries().filter((line) => line.page === true);
    expect(lines.map((line) => [line.action, line.prefetch, line.rsc, line.level])).toEqual([
      [true, undefined, undefined, "info"],
      [undefined, true, undefined, "info"],
      [undefined, undefined, true, "error"],
      [undefined, undefined, undefined, "info"],
    ]);
  });

  it("is a 499 when the client leaves before the answer ends", async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${origin}/admin?slow=1`, (res) => {
        // Leaving mid-answer makes the response report "aborted": expected here, never uncaught.
        res.on("error", () => {});
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => {});
      req.end();
    });
    const [report] = await reported(1);
    expect(report).toMatchObject({ route: "/admin", status: CLIENT_CLOSED });
  });
});

describe("not page requests", () => {
  it("API routes, Next's files, static files and unknown non-404 paths are not reported here", async () => {
    for (const target of [
      "/api/health",
      "/api",
      "/_next/static/chunks/main.js",
      "/__nextjs_original-stack-frames",
      "/favicon.ico",
      "/robots.txt",
      "/nowhere?status=307",
    ]) {
      await (await fetch(`${origin}${target}`, { redirect: "manual" })).text();
    }
    await (await fetch(`${origin}/`)).text();
    const all = await reported(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(all.map((r) => r.route)).toEqual(["/"]);
  });
});

describe("hostile targets", () => {
  it("any target and headers give an answer, at most one report, and only the pages' patterns as routes", async () => {
    const segment = fc.stringMatching(/^[\w%.~!$&'()*+,;=:@-]{0,30}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 5 }),
        fc.string({ maxLength: 40 }),
        fc.option(fc.stringMatching(/^[\x21-\x7e]{0,120}$/), { nil: undefined }),
        async (segments, query, requestId) => {
          reports.length = 0;
          const target = `/${segments.join("/")}?q=${encodeURIComponent(query)}`;
          const response = await fetch(`${origin}${target}`, {
            headers: requestId === undefined ? {} : { "x-request-id": requestId },
          });
          await response.text();
          expect(response.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 5));
          expect(reports.length).toBeLessThanOrEqual(1);
          for (const report of reports) {
            expect(["/", "/admin", "/reset-password", "/notes/[note]", "/admin/[resource]/[id]"]).toContain(
              report.route,
            );
            expect(report.requestId).toMatch(/^[\w.:-]{1,100}$/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
