/** A unique violation through the real HTTP handler: 409 with the field named, never a 500. */

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { appRouter } from "../router";
import { createContext } from "../trpc";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("a system-authorised create that clashes answers 409 CONFLICT with fieldErrors.slug", async () => {
  const [u] = await t.db.insert(users).values({ name: "A", email: "a@t.local" }).returning({ id: users.id });
  await t.db
    .insert(posts)
    .values({ title: "Taken title", slug: "taken-title", body: "Already here.", authorId: u?.id as string });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request("http://localhost/api/trpc/posts.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize({ title: "Taken title", body: "Clashing body.", authorId: u?.id })),
    }),
    router: appRouter,
    createContext: () => createContext({ db: t.db, actor: { kind: "system", reason: "test" } }),
  });
  expect(res.status).toBe(409);
  const body = (await res.json()) as { error: { json: { message: string; data: { fieldErrors: unknown } } } };
  expect(body.error.json.message).toBe("slug is already taken");
  expect(body.error.json.data.fieldErrors).toEqual({ slug: ["slug is already taken"] });
  const rows = await t.sql`select count(*)::int as n from posts`;
  expect(rows[0]?.n).toBe(1);
});
