/**
 * Subscriptions refused at their start answer with their own status (401, 403, 405, 400) and tRPC's JSON error, not
 * an error event on a 200 event stream; a subscription that starts well still streams.
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken } from "@/server/auth/testing";
import { closeListener } from "@/server/core/realtime/listener";

let t: TestDatabase;
let route: typeof import("./route");
const bearer = {} as Record<"admin" | "member", Record<string, string>>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  for (const role of ["admin", "member"] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: `Stream ${role}`, email: `stream-${role}@test.local`, role })
      .returning({ id: users.id });
    bearer[role] = { authorization: `Bearer ${await createApiToken(t.db, row?.id as string, { scope: "read" })}` };
  }
});
// The app's LISTEN connection first: dropping the database under it would kill it mid-reconnect, and postgres.js
// leaves the rejection of a connection's first type lookup unhandled.
afterAll(async () => {
  await closeListener(getDb());
  await t.drop();
});

async function refusal(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
  return { status: res.status, code: body.error.json.data.code, message: body.error.json.message };
}

const get = (path: string, headers: Record<string, string> = {}) =>
  route.GET(new Request(`http://localhost/api/trpc/${path}`, { headers: { accept: "text/event-stream", ...headers } }));

describe("a subscription refused at its start", () => {
  it("answers 401 to an anonymous caller and 403 to a member of the admins-only audit stream", async () => {
    expect(await refusal(await get("audit.onChange"))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await refusal(await get("audit.onChange", bearer.member))).toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("answers 400 to bad input and 405 to a POST", async () => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ nope: 1 })));
    const bad = await refusal(await get(`audit.onChange?input=${input}`, bearer.admin));
    expect(bad).toMatchObject({ status: 400, code: "BAD_REQUEST", message: "nope cannot be set here" });
    const post = await route.POST(
      new Request("http://localhost/api/trpc/posts.onChange", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(await refusal(post)).toMatchObject({ status: 405, code: "METHOD_NOT_SUPPORTED" });
  });

  it("answers 400 naming the field to a filter on a field the caller may not read, as the procedure does", async () => {
    const filter = encodeURIComponent(JSON.stringify(superjson.serialize({ filter: { blocked: { eq: true } } })));
    const refused = await refusal(await get(`users.onChange?input=${filter}`, bearer.member));
    expect(refused).toMatchObject({ status: 400, code: "BAD_REQUEST", message: "You cannot filter by Blocked" });
    const admin = await get(`users.onChange?input=${filter}`, bearer.admin);
    expect(admin.status).toBe(200);
    await admin.body?.cancel();
  });

  it("while an admin's audit stream opens and streams", async () => {
    const controller = new AbortController();
    const res = await route.GET(
      new Request("http://localhost/api/trpc/audit.onChange", {
        headers: { accept: "text/event-stream", ...bearer.admin },
        signal: controller.signal,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("ready")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/^retry: \d+\n/);
    expect(text).toContain("event: connected");
    expect(text).not.toContain("serialized-error");
    controller.abort();
    await reader.cancel().catch(() => {});
  });
});
