/** A unique violation through the real HTTP handler: 409 with the field named, never a 500. */

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { appRouter } from "../router";
import { createContext } from "../trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("a system-authorised create that clashes answers 409 CONFLICT with fieldErrors.slug", async () => {
  await t.db.insert(tags).values({ name: "Taken", slug: "taken-title" });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request("http://localhost/api/trpc/tags.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize({ name: "Taken again", slug: "taken-title" })),
    }),
    router: appRouter,
    createContext: () => createContext({ db: t.db, actor: { kind: "system", reason: "test" } }),
  });
  expect(res.status).toBe(409);
  const body = (await res.json()) as { error: { json: { message: string; data: { fieldErrors: unknown } } } };
  expect(body.error.json.message).toBe("Slug is already taken");
  expect(body.error.json.data.fieldErrors).toEqual({ slug: ["Slug is already taken"] });
  const rows = await t.sql`select count(*)::int as n from tags`;
  expect(rows[0]?.n).toBe(1);
});
