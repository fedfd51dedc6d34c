/**
 * The browser's links against the real /api/trpc handler and database: a keyed mutation goes alone, with its
 * Idempotency-Key, and a retry with the key gets the first answer; unkeyed calls still batch; React Query's mutation
 * options carry a key per call (what the generated forms use).
 */
import { MutationObserver, QueryClient } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { AppRouter } from "@/server/router";
import { apiLinks, keyedMutationOptions } from "./links";

let t: TestDatabase;
let route: typeof import("@/app/api/trpc/[trpc]/route");
let cookie: string;
/** What the client sent: method, URL and the Idempotency-Key header (null when absent). */
const sent: { method: string; url: string; key: string | null }[] = [];

const fetchThroughRoute: typeof fetch = async (input, init) => {
  const req = new Request(input, init);
  req.headers.set("cookie", cookie);
  sent.push({ method: req.method, url: req.url, key: req.headers.get("idempotency-key") });
  return req.method === "GET" ? route.GET(req) : route.POST(req);
};

const client = () =>
  createTRPCClient<AppRouter>({ links: apiLinks({ url: "http://localhost/api/trpc", fetch: fetchThroughRoute }) });

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("@/app/api/trpc/[trpc]/route");
  await createUserWithPassword(
    t.db,
    { name: "Lina Links", email: "lina@links.test", role: "member" },
    "a long password",
  );
  cookie = await signInCookie(t.db, "lina@links.test", "a long password");
});
afterAll(() => t.drop());

const draft = (title: string) => ({ title, body: "A body long enough to pass.", status: "draft" as const });
const postsTitled = async (title: string) =>
  (await t.db.select({ n: count() }).from(posts).where(eq(posts.title, title)))[0]?.n ?? 0;

describe("apiLinks", () => {
  it("sends a keyed mutation alone with its Idempotency-Key, and a retry gets the first answer", async () => {
    sent.length = 0;
    const trpc = client();
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      trpc.posts.create.mutate(draft("Keyed from the client"), { context: { idempotencyKey: key } }),
      trpc.posts.create.mutate(draft("Keyed from the client"), { context: { idempotencyKey: key } }),
    ]);
    expect(second).toEqual(first);
    expect(second.createdAt).toBeInstanceOf(Date);
    expect(await postsTitled("Keyed from the client")).toBe(1);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.key).toBe(key);
      expect(request.url).not.toContain("batch=1");
    }
  });

  it("still batches calls without a key, and sends them no header", async () => {
    sent.length = 0;
    const trpc = client();
    await Promise.all([trpc.posts.create.mutate(draft("Batched A")), trpc.posts.create.mutate(draft("Batched B"))]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toContain("posts.create,posts.create?batch=1");
    expect(sent[0]?.key).toBeNull();
  });
});

describe("keyedMutationOptions", () => {
  it("sends each call's own key: the same key twice writes once, a new key writes again", async () => {
    sent.length = 0;
    const queryClient = new QueryClient();
    const proxy = createTRPCOptionsProxy<AppRouter>({ client: client(), queryClient });
    const observer = new MutationObserver(queryClient, keyedMutationOptions(proxy.posts.create.mutationOptions));
    const input = draft("Through React Query");
    const first = await observer.mutate({ input, key: "submit-1" });
    const retried = await observer.mutate({ input, key: "submit-1" });
    await observer.mutate({ input, key: "submit-2" });
    expect(retried).toEqual(first);
    expect(sent.map((r) => r.key)).toEqual(["submit-1", "submit-1", "submit-2"]);
    expect(await postsTitled("Through React Query")).toBe(2);
  });
});
