/**
 * A failing page or server action (Next's `onRequestError`, instrumentation.ts): one error line with the route's
 * pattern, the digest the error page shows and the stack; never the path's query (a reset link's token) nor the
 * request's cookies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CapturedLogs, captureLogs } from "@/server/core/logging/testing";
import { logPageError } from "./page-errors";

let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});
afterAll(() => logs.restore());

describe("logPageError", () => {
  it("writes the pattern, what was rendering, the digest and the stack, and no query or cookie", () => {
    const error = Object.assign(new Error("render exploded"), { digest: "2716251981" });
    logPageError(
      error,
      {
        path: "/reset-password?token=secret-reset-token-123",
        method: "GET",
        headers: { cookie: "authjs.session-token=session-secret-456", "x-request-id": "page-req.1" },
      },
      { routerKind: "App Router", routePath: "/reset-password", routeType: "render", renderSource: "server-rendering" },
    );
    const [line] = logs.entries();
    expect(line).toMatchObject({
      level: "error",
      area: "pages",
      method: "GET",
      route: "/reset-password",
      routeType: "render",
      renderSource: "server-rendering",
      digest: "2716251981",
      requestId: "page-req.1",
      err: { type: "Error", message: "render exploded", stack: expect.stringContaining("page-errors.test.ts") },
    });
    expect(logs.text()).not.toContain("secret-reset-token-123");
    expect(logs.text()).not.toContain("session-secret-456");
  });

  it("ignores a request id that breaks the rule, and never throws", () => {
    logs.clear();
    logPageError(
      "not even an error",
      { path: "/", method: "POST", headers: { "x-request-id": "bad id" } },
      {
        routerKind: "App Router",
        routePath: "/",
        routeType: "action",
      },
    );
    const [line] = logs.entries();
    expect(line).toMatchObject({ routeType: "action", err: { type: "string", message: "not even an error" } });
    expect(line?.requestId).toBeUndefined();
  });
});
