/**
 * The logs of real requests through the app's own route handlers (Auth.js, tRPC) on a real PostgreSQL, with the
 * process's log captured: after a credentials sign-in, a password reset asked for and used, a sign-in with a mailed
 * one-time code, an API-token call and a tRPC call with a session cookie, the captured text holds none of the
 * secrets used (each one grepped for by its value). Each request gets one line with its fields; the request id is
 * echoed and is the one its audit entries carry; the request log keeps the rows; a handler that throws is a 500
 * whose stack is in the log only.
 */
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, devMail, requestLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { env } from "@/env";
import { requestPasswordReset, requestSignInCode } from "@/server/auth/mail-requests";
import { resetWithLink } from "@/server/auth/password-reset";
import { createApiToken, createUserWithPassword } from "@/server/auth/testing";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { type CapturedLogs, captureLogs } from "@/server/core/logging/testing";
import { passwordResetRequestJob, signInCodeJob } from "@/server/jobs/account-mail";
import { type FinishedRequest, onRequestFinished } from "@/server/ops/request-events";
import { startRequestLog, stopRequestLog } from "./request-log";
import type { RequestLogWriter } from "./request-log-writer";
import { withRequestLog } from "./with-request-log";

const ORIGIN = "http://localhost";
const PASSWORD = "log-test passphrase 5b9e1d";
const NEW_PASSWORD = "log-test new passphrase 77c2a0";

let t: TestDatabase;
let logs: CapturedLogs;
let auth: typeof import("@/app/api/auth/[...nextauth]/route");
let trpc: typeof import("@/app/api/trpc/[trpc]/route");
let jobs: JobsRuntime;
let writer: RequestLogWriter;
let member: { id: string; email: string };
let apiToken: string;
const finished: FinishedRequest[] = [];
/** Every secret a request of this file used; none may appear in the captured log. */
const secrets = new Set<string>();

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  logs = captureLogs();
  auth = await import("@/app/api/auth/[...nextauth]/route");
  trpc = await import("@/app/api/trpc/[trpc]/route");
  member = await createUserWithPassword(t.db, { name: "Lou Logs", email: "lou@logs.test", role: "member" }, PASSWORD);
  await t.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, member.id));
  apiToken = await createApiToken(t.db, member.id, { scope: "write" });
  secrets.add(PASSWORD).add(NEW_PASSWORD).add(apiToken);
  const secret = env().AUTH_SECRET;
  if (secret) secrets.add(secret);
  jobs = await startJobs({
    url: t.url,
    db: t.db,
    jobs: [passwordResetRequestJob, signInCodeJob],
    work: true,
    pollingIntervalSeconds: 0.5,
  });
  onRequestFinished((request) => finished.push(request));
  writer = startRequestLog(() => t.db);
}, 60_000);

afterAll(async () => {
  await stopRequestLog();
  await jobs?.stop(1_000);
  await t.drop();
  logs.restore();
});

/** `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(";")[0] ?? "");
}

/** A sign-in through the app's Auth.js route, as the browser does it: csrf first, then the provider's callback. */
async function signIn(provider: string, fields: Record<string, string>) {
  const csrfRes = await auth.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrfRes);
  secrets.add(csrfToken);
  for (const pair of csrfCookies) secrets.add(pair.slice(pair.indexOf("=") + 1));
  const res = await auth.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/${provider}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookies.join("; "),
        "user-agent": "logs-test",
        "x-forwarded-for": "198.51.100.23",
      },
      body: new URLSearchParams({ csrfToken, ...fields, callbackUrl: `${ORIGIN}/` }),
    }),
  );
  const session = cookiesOf(res).filter((pair) => pair.includes("session-token"));
  for (const pair of session) secrets.add(pair.slice(pair.indexOf("=") + 1));
  return { res, cookie: session.length > 0 ? session.join("; ") : null };
}

/** The dev mailbox's latest message of a template to the member, once the job has sent it. */
async function mailOf(template: string, after: Date): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const [mail] = await t.db.select().from(devMail).where(eq(devMail.template, template));
    if (mail && mail.createdAt >= after) return mail.text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${template} mail arrived`);
}

const encode = (value: unknown) => JSON.stringify(superjson.serialize(value));

function httpLines(requestId: string) {
  return logs.entries().filter((line) => line.area === "http" && line.requestId === requestId);
}

function expectNoSecrets() {
  const text = logs.text();
  expect(text.length).toBeGreaterThan(0);
  for (const value of secrets) {
    // A six-digit code could match a run of digits by chance; a leak would stand alone.
    if (/^\d{6}$/.test(value)) expect(text).not.toMatch(new RegExp(`(?<!\\d)${value}(?!\\d)`));
    else expect(text).not.toContain(value);
  }
}

let sessionCookie = "";

describe("no secret reaches the log", () => {
  it("after a credentials sign-in", async () => {
    const { res, cookie } = await signIn("credentials", { email: member.email, password: PASSWORD });
    expect(res.status).toBe(302);
    expect(cookie).toContain("session-token");
    const requestId = res.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [line, ...more] = httpLines(requestId);
    expect(more).toHaveLength(0);
    expect(line).toMatchObject({
      method: "POST",
      route: "/api/auth/[...nextauth]",
      procedure: "callback/credentials",
      status: 302,
      ip: "198.51.100.23",
      userAgent: "logs-test",
      level: "info",
    });
    expect(typeof line?.durationMs).toBe("number");
    expectNoSecrets();
  });

  it("after a password reset is asked for by mail and used", async () => {
    const since = new Date();
    // What the forgot-password page's server action does (a page, not an API route: no request line of its own).
    await requestPasswordReset(t.db, member.email, "198.51.100.24");
    const mail = await mailOf("password-reset", since);
    const token = /[?&]token=([\w-]+)/.exec(mail)?.[1] ?? "";
    expect(token).not.toBe("");
    secrets.add(token);
    expect(await resetWithLink(t.db, token, NEW_PASSWORD)).toBeTruthy();
    expect(logs.text()).toContain("password-reset");
    expectNoSecrets();
  });

  it("after a sign-in with a mailed one-time code", async () => {
    const since = new Date();
    await requestSignInCode(t.db, member.email, "198.51.100.25");
    const mail = await mailOf("sign-in-code", since);
    const code = /\b(\d{6})\b/.exec(mail)?.[1] ?? "";
    const token = /[?&]token=([\w-]+)/.exec(mail)?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    secrets.add(code).add(token);
    const { res, cookie } = await signIn("email-code", { email: member.email, code });
    expect(cookie).toContain("session-token");
    // The reset ended the sessions opened before it: the calls below use this one.
    sessionCookie = cookie ?? "";
    const [line] = httpLines(res.headers.get("x-request-id") ?? "");
    expect(line).toMatchObject({ procedure: "callback/email-code", status: 302 });
    expectNoSecrets();
  });

  it("after an API-token call: one line with the caller, the id echoed and carried by the audit entry", async () => {
    const res = await trpc.POST(
      new Request(`${ORIGIN}/api/trpc/posts.create`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${apiToken}`,
          "x-request-id": "logs-test:token.1",
          "x-forwarded-for": "198.51.100.26",
        },
        body: encode({ title: "Logged through a token", body: "Long enough body text.", status: "draft" }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("logs-test:token.1");
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.requestId, "logs-test:token.1"));
    expect(entry).toMatchObject({ operation: "create", resource: "posts" });
    const lines = httpLines("logs-test:token.1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: "POST",
      route: "/api/trpc",
      procedure: "posts.create",
      status: 200,
      actorId: member.id,
      ip: "198.51.100.26",
    });
    expectNoSecrets();
  });

  it("after tRPC calls with a session cookie: a batch names its procedures; a fresh id is the audit entry's", async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: {} }, 1: { json: {} } }));
    const read = await trpc.GET(
      new Request(`${ORIGIN}/api/trpc/posts.list,posts.list?batch=1&input=${input}`, {
        headers: { cookie: sessionCookie, "x-request-id": "not a valid id!" },
      }),
    );
    expect(read.status).toBe(200);
    const readId = read.headers.get("x-request-id") ?? "";
    expect(readId).toMatch(/^[0-9a-f-]{36}$/);
    expect(httpLines(readId)[0]).toMatchObject({ procedure: "posts.list,posts.list", actorId: member.id });

    const write = await trpc.POST(
      new Request(`${ORIGIN}/api/trpc/posts.create`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: sessionCookie, origin: ORIGIN },
        body: encode({ title: "Logged through a session", body: "Long enough body text.", status: "draft" }),
      }),
    );
    expect(write.status).toBe(200);
    const writeId = write.headers.get("x-request-id") ?? "";
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.requestId, writeId));
    expect(entry).toMatchObject({ operation: "create", resource: "posts", actorId: member.id });
    expectNoSecrets();
  });
});

describe("the request log", () => {
  it("keeps a row per request with the line's fields", async () => {
    await writer.flush();
    const [row] = await t.db.select().from(requestLog).where(eq(requestLog.requestId, "logs-test:token.1"));
    expect(row).toMatchObject({
      method: "POST",
      route: "/api/trpc",
      procedure: "posts.create",
      status: 200,
      actorId: member.id,
      ip: "198.51.100.26",
      error: null,
    });
    const reported = finished.find((r) => r.requestId === "logs-test:token.1");
    expect(reported).toMatchObject({ procedures: ["posts.create"], status: 200, actorId: member.id });
  });

  it("a handler that throws is answered 500 with its id; the stack is in the log and the row, never the answer", async () => {
    const handler = withRequestLog("/api/test/throws", async (_req: Request): Promise<Response> => {
      throw new Error("the disk caught fire");
    });
    const res = await handler(
      new Request(`${ORIGIN}/api/test/throws`, { headers: { "x-request-id": "logs-test:boom" } }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("logs-test:boom");
    const body = await res.text();
    expect(body).not.toContain("disk");
    expect(body).toContain("logs-test:boom");
    const [line] = httpLines("logs-test:boom");
    expect(line).toMatchObject({ level: "error", status: 500, route: "/api/test/throws" });
    expect(line?.err).toMatchObject({ type: "Error", stack: expect.stringContaining("the disk caught fire") });
    await writer.flush();
    const [row] = await t.db.select().from(requestLog).where(eq(requestLog.requestId, "logs-test:boom"));
    expect(row).toMatchObject({ status: 500, error: "the disk caught fire" });
  });
});
