/**
 * Idempotency-Key through the real /api/trpc handler on a real database, with real sessions and tokens: a retry gets
 * the first answer and writes nothing, concurrent duplicates write once, on one instance or two (two pools over one
 * database), a different input or a malformed key is refused naming the header, a failed mutation keeps no key, an
 * expired key runs again, and random interleavings of keyed retries never write twice.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { count, eq, like } from "drizzle-orm";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { idempotencyKeys, posts, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { onCommitted } from "@/server/core/changes";
import { closeListener } from "@/server/core/realtime/listener";
import { appRouter, createCaller } from "@/server/router";
import { createContext, createRequestContext } from "@/server/trpc";

const PASSWORD = "correct horse battery staple";

type Handler = (req: Request) => Promise<Response>;

let t: TestDatabase;
let second: ReturnType<typeof createDatabase>;
let route: typeof import("./route");
/** Instance A is the app's route (gate included); instance B is tRPC over its own pool, as another process would be. */
let instances: Handler[];
let member: Record<string, string>;
let memberToken: Record<string, string>;
let other: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  second = createDatabase(t.url, { max: 10 });
  const instanceB: Handler = (req) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () => createRequestContext(second.db, req.headers),
    });
  instances = [route.POST, instanceB];
  const m = await createUserWithPassword(
    t.db,
    { name: "Mia Member", email: "mia@keys.test", role: "member" },
    PASSWORD,
  );
  await createUserWithPassword(t.db, { name: "Otto Other", email: "otto@keys.test", role: "member" }, PASSWORD);
  await createUserWithPassword(t.db, { name: "Ada Admin", email: "ada@keys.test", role: "admin" }, PASSWORD);
  member = { cookie: await signInCookie(t.db, "mia@keys.test", PASSWORD) };
  other = { cookie: await signInCookie(t.db, "otto@keys.test", PASSWORD) };
  admin = { cookie: await signInCookie(t.db, "ada@keys.test", PASSWORD) };
  memberToken = { authorization: `Bearer ${await createApiToken(t.db, m.id, { scope: "write" })}` };
});
afterAll(async () => {
  await closeListener(t.db);
  await second.close();
  await t.drop();
});

interface Answer {
  status: number;
  /** The response body as sent: a replay must be byte for byte the first answer. */
  text: string;
  data: unknown;
  error?: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } };
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  const body = JSON.parse(text) as { result?: { data: unknown }; error?: { json: Answer["error"] } };
  const data = body.result
    ? superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0])
    : undefined;
  return { status: res.status, text, data, error: body.error?.json };
}

function post(path: string, input: unknown, headers: Record<string, string>, handler: Handler = route.POST) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
  return handler(req).then(answerOf);
}

const draft = (title: string) => ({ title, body: "A body long enough to pass.", status: "draft" as const });
const postsTitled = async (title: string) =>
  (await t.db.select({ n: count() }).from(posts).where(eq(posts.title, title)))[0]?.n ?? 0;
const keyRows = async () => (await t.db.select({ n: count() }).from(idempotencyKeys))[0]?.n ?? 0;

let serial = 0;
const freshKey = () => `test-key-${++serial}-${crypto.randomUUID()}`;

describe("a retry with the same key and input", () => {
  it("gets the first answer, byte for byte, and writes once", async () => {
    const key = freshKey();
    const first = await post("posts.create", draft("Written once"), { ...member, "idempotency-key": key });
    const again = await post("posts.create", draft("Written once"), { ...member, "idempotency-key": key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect((again.data as { createdAt: unknown }).createdAt).toBeInstanceOf(Date);
    expect(await postsTitled("Written once")).toBe(1);
  });

  it("matches the input whatever the order of its keys", async () => {
    const key = freshKey();
    const input = draft("Order of keys");
    const reordered = { status: input.status, body: input.body, title: input.title };
    const first = await post("posts.create", input, { ...member, "idempotency-key": key });
    const again = await post("posts.create", reordered, { ...member, "idempotency-key": key });
    expect(again.text).toBe(first.text);
    expect(await postsTitled("Order of keys")).toBe(1);
  });

  it("without a key, the same request writes twice (the header is what makes a retry safe)", async () => {
    await post("posts.create", draft("No key given"), member);
    await post("posts.create", draft("No key given"), member);
    expect(await postsTitled("No key given")).toBe(2);
  });

  it("is the same user's retry through a session or an API token: one scope per user", async () => {
    const key = freshKey();
    const viaSession = await post("posts.create", draft("Session then token"), { ...member, "idempotency-key": key });
    const viaToken = await post("posts.create", draft("Session then token"), {
      ...memberToken,
      "idempotency-key": key,
    });
    expect(viaToken.text).toBe(viaSession.text);
    expect(await postsTitled("Session then token")).toBe(1);
  });

  it("is not another user's: the same key from someone else is their own request", async () => {
    const key = freshKey();
    const mine = await post("posts.create", draft("Two users, one key"), { ...member, "idempotency-key": key });
    const theirs = await post("posts.create", draft("Two users, one key"), { ...other, "idempotency-key": key });
    expect(theirs.status).toBe(200);
    expect((theirs.data as { id: string }).id).not.toBe((mine.data as { id: string }).id);
    expect(await postsTitled("Two users, one key")).toBe(2);
  });

  it("on another procedure is another request (keys are scoped to the procedure)", async () => {
    const key = freshKey();
    const created = await post("posts.create", draft("Key on two paths"), { ...member, "idempotency-key": key });
    const id = (created.data as { id: string }).id;
    const updated = await post(
      "posts.update",
      { id, data: { title: "Key on two paths, renamed" } },
      { ...member, "idempotency-key": key },
    );
    expect(updated.status).toBe(200);
    expect(await postsTitled("Key on two paths, renamed")).toBe(1);
  });

  it("replays a new API token, which the database keeps only sealed", async () => {
    const key = freshKey();
    const input = { name: "Deploy script", scope: "read" };
    const first = await post("tokens.create", input, { ...member, "idempotency-key": key });
    const again = await post("tokens.create", input, { ...member, "idempotency-key": key });
    const token = (first.data as { token: string }).token;
    expect(token).toMatch(/^atr_/);
    expect((again.data as { token: string }).token).toBe(token);
    const [row] = await t.sql`select response from idempotency_keys where key = ${key}`;
    expect(row?.response).toMatch(/^v1\./);
    expect(row?.response).not.toContain(token);
    expect(row?.response).not.toContain("Deploy script");
    const tokens = await t.sql`select count(*)::int as n from api_tokens where name = 'Deploy script'`;
    expect(tokens[0]?.n).toBe(1);
  });

  it("answers within the configured lifetime (24 h by default), and after it runs again", async () => {
    const key = freshKey();
    await post("posts.create", draft("Key that expires"), { ...member, "idempotency-key": key });
    const [row] = await t.sql`
      select extract(epoch from expires_at - created_at)::int as ttl from idempotency_keys where key = ${key}`;
    expect(row?.ttl).toBe(86_400);
    await t.sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = ${key}`;
    const after = await post("posts.create", draft("Key that expires"), { ...member, "idempotency-key": key });
    expect(after.status).toBe(200);
    expect(await postsTitled("Key that expires")).toBe(2);
    const [renewed] = await t.sql`select expires_at > now() as live from idempotency_keys where key = ${key}`;
    expect(renewed?.live).toBe(true);
  });
});

describe("refusals naming the header", () => {
  it("answers 422 to the same key with a different input, and writes nothing more", async () => {
    const key = freshKey();
    await post("posts.create", draft("First input"), { ...member, "idempotency-key": key });
    const changed = await post("posts.create", draft("Second input"), { ...member, "idempotency-key": key });
    expect(changed.status).toBe(422);
    expect(changed.error?.data.code).toBe("UNPROCESSABLE_CONTENT");
    expect(changed.error?.message).toContain("Idempotency-Key");
    expect(changed.error?.data.fieldErrors).toHaveProperty("Idempotency-Key");
    expect(await postsTitled("Second input")).toBe(0);
  });

  const malformed: [string, string][] = [
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["a control character", "abc\u0001def"],
    ["DEL", "abc\u007fdef"],
    ["a byte outside ASCII", "caf\u00e9"],
  ];
  for (const [what, key] of malformed) {
    it(`answers 400 to a key with ${what}, before anything is written`, async () => {
      const before = await keyRows();
      const refused = await post("posts.create", draft(`Malformed key: ${what}`), {
        ...member,
        "idempotency-key": key,
      });
      expect(refused.status).toBe(400);
      expect(refused.error?.message).toContain("Idempotency-Key");
      expect(Object.keys(refused.error?.data.fieldErrors ?? {})).toEqual(["Idempotency-Key"]);
      expect(await postsTitled(`Malformed key: ${what}`)).toBe(0);
      expect(await keyRows()).toBe(before);
    });
  }

  it("accepts a key of exactly 255 printable characters", async () => {
    const key = `~ ${"k".repeat(253)}`;
    const ok = await post("posts.create", draft("Longest key"), { ...member, "idempotency-key": key });
    expect(ok.status).toBe(200);
  });

  it("refuses any corrupted key with 400 and leaves the database unchanged (generated)", async () => {
    const headerSafe = (s: string) => !/[\0\r\n]/.test(s) && s === s.trim();
    const corrupted = fc.oneof(
      fc.string({ minLength: 256, maxLength: 400 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
      fc
        .tuple(
          fc.string({ maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
          fc.integer({ min: 1, max: 0xff }).filter((c) => c < 0x20 || c > 0x7e),
          fc.string({ maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
        )
        .map(([a, c, b]) => `k${a}${String.fromCharCode(c)}${b}k`),
    );
    const before = { keys: await keyRows(), posts: (await t.db.select({ n: count() }).from(posts))[0]?.n };
    await fc.assert(
      fc.asyncProperty(corrupted.filter(headerSafe), async (key) => {
        const refused = await post("posts.create", draft("Corrupted key"), { ...member, "idempotency-key": key });
        expect(refused.status).toBe(400);
        expect(Object.keys(refused.error?.data.fieldErrors ?? {})).toEqual(["Idempotency-Key"]);
      }),
      { numRuns: 40 },
    );
    expect(await keyRows()).toBe(before.keys);
    expect((await t.db.select({ n: count() }).from(posts))[0]?.n).toBe(before.posts);
  });

  it("refuses a keyed batch of two mutations with 400 before either runs", async () => {
    const input = { 0: superjson.serialize(draft("Batched one")), 1: superjson.serialize(draft("Batched two")) };
    const res = await route.POST(
      new Request("http://localhost/api/trpc/posts.create,posts.create?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json", ...member, "idempotency-key": freshKey() },
        body: JSON.stringify(input),
      }),
    );
    const body = (await res.json()) as { error: { json: { message: string } } };
    expect(res.status).toBe(400);
    expect(body.error.json.message).toContain("Idempotency-Key");
    expect((await postsTitled("Batched one")) + (await postsTitled("Batched two"))).toBe(0);
  });

  it("accepts a keyed batch of one mutation as one request", async () => {
    const key = freshKey();
    const send = () =>
      route.POST(
        new Request("http://localhost/api/trpc/posts.create?batch=1", {
          method: "POST",
          headers: { "content-type": "application/json", ...member, "idempotency-key": key },
          body: JSON.stringify({ 0: superjson.serialize(draft("Batch of one")) }),
        }),
      );
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(await postsTitled("Batch of one")).toBe(1);
  });
});

describe("queries and subscriptions", () => {
  it("ignore the header, even a malformed one", async () => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ perPage: 1 })));
    const res = await route.GET(
      new Request(`http://localhost/api/trpc/posts.list?input=${input}`, {
        headers: { ...member, "idempotency-key": "" },
      }),
    );
    expect(res.status).toBe(200);
    const controller = new AbortController();
    const headers = new Headers({ "idempotency-key": "" });
    const stream = await createCaller(createContext({ db: t.db, headers }), {
      signal: controller.signal,
    }).tags.onChange({});
    const first = await stream[Symbol.asyncIterator]().next();
    controller.abort();
    expect(first.done).toBe(false);
  });
});

describe("a mutation that fails", () => {
  it("keeps no key, so a retry with the same key runs again", async () => {
    const [holder] = await t.db.insert(tags).values({ name: "Holder", slug: "taken-slug" }).returning();
    const key = freshKey();
    const input = { name: "Wants the slug", slug: "taken-slug" };
    const failed = await post("tags.create", input, { ...admin, "idempotency-key": key });
    expect(failed.status).toBe(409);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
    await t.db.delete(tags).where(eq(tags.id, holder?.id as string));
    const retried = await post("tags.create", input, { ...admin, "idempotency-key": key });
    expect(retried.status).toBe(200);
    expect((await t.db.select().from(tags).where(eq(tags.slug, "taken-slug"))).length).toBe(1);
  });
});

describe("an ambiguous failure", () => {
  /**
   * Sends `posts.update` of a fresh post while another session holds its row, so the update waits inside its
   * transaction (key claimed, if any, and the write pending), then terminates the update's backend.
   */
  async function updateCutOffMidway(title: string, headers: Record<string, string>) {
    const created = await post("posts.create", draft(`Before ${title}`), member);
    const id = (created.data as { id: string }).id;
    const rename = { id, data: { title } };
    const blocker = await t.sql.reserve();
    let answered: Promise<Answer> | undefined;
    try {
      await blocker`begin`;
      await blocker`select 1 from posts where id = ${id} for update`;
      answered = post("posts.update", rename, headers);
      let waiting: { pid: number }[] = [];
      for (let i = 0; i < 100 && waiting.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiting = await t.sql<{ pid: number }[]>`
          select pid from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "posts"%for update%'`;
      }
      expect(waiting).toHaveLength(1);
      await t.sql`select pg_terminate_backend(${waiting[0]?.pid ?? 0})`;
    } finally {
      await blocker`rollback`;
      blocker.release();
    }
    return { id, rename, answer: (await answered) as Answer };
  }

  it("a keyed mutation whose connection is lost midway is run again by the server: one answer, one write", async () => {
    const key = freshKey();
    const headers = { ...member, "idempotency-key": key };
    const { id, rename, answer } = await updateCutOffMidway("After the cut, keyed", headers);
    // Its first run rolled back with its session (key and write); the server ran it again on another connection.
    expect(answer.status).toBe(200);
    expect(await postsTitled("After the cut, keyed")).toBe(1);
    const [stored] = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(stored?.response).not.toBeNull();

    const again = await post("posts.update", rename, headers);
    expect(again.text).toBe(answer.text);
    expect(await postsTitled("After the cut, keyed")).toBe(1);
    const audit =
      await t.sql`select count(*)::int as n from audit_log where record_id = ${id} and operation = 'update'`;
    expect(audit[0]?.n).toBe(1);
  });

  it("without a key, a mutation whose connection is lost midway answers 503 and writes nothing (it may not guess)", async () => {
    const { answer } = await updateCutOffMidway("After the cut, unkeyed", member);
    expect(answer.status).toBe(503);
    expect(await postsTitled("After the cut, unkeyed")).toBe(0);
  });
});

describe("announcements", () => {
  it("are made after the keyed transaction commits, and never for a replay", async () => {
    const seen: boolean[] = [];
    const stop = onCommitted(async (change) => {
      if (change.resource !== "posts") return;
      // Another connection: true only if the write has committed by the time it is announced.
      const rows = await t.sql`select 1 from posts where id = ${change.id}`;
      seen.push(rows.length === 1);
    });
    try {
      const key = freshKey();
      await post("posts.create", draft("Announced after commit"), { ...member, "idempotency-key": key });
      await post("posts.create", draft("Announced after commit"), { ...member, "idempotency-key": key });
    } finally {
      stop();
    }
    expect(seen).toEqual([true]);
  });
});

describe("concurrent duplicates", () => {
  it("10 at once with one key write once, and all get the first answer", async () => {
    const key = freshKey();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post("posts.create", draft("Ten at once"), { ...member, "idempotency-key": key }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await postsTitled("Ten at once")).toBe(1);
  });

  it("split over two instances (two pools, one database) write once and agree", async () => {
    const key = freshKey();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post("posts.create", draft("Two instances"), { ...member, "idempotency-key": key }, instances[i % 2]),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    expect(await postsTitled("Two instances")).toBe(1);
  });

  it("random interleavings of keyed retries on two instances never write twice (generated)", async () => {
    let run = 0;
    const request = fc.record({
      key: fc.constantFrom("a", "b", "c"),
      variant: fc.constantFrom("one", "two"),
      instance: fc.constantFrom(0, 1),
      wave: fc.constantFrom(0, 1, 2),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 10 }), async (requests) => {
        const prefix = `Interleaving ${++run}`;
        const sent: { key: string; variant: string; answer: Answer }[] = [];
        // Waves run one after another (retries); the requests within one run concurrently (duplicates in flight).
        for (const wave of [0, 1, 2]) {
          const inWave = requests.filter((r) => r.wave === wave);
          const answers = await Promise.all(
            inWave.map((r) =>
              post(
                "posts.create",
                draft(`${prefix} ${r.key} ${r.variant}`),
                { ...member, "idempotency-key": `${prefix} ${r.key}` },
                instances[r.instance],
              ),
            ),
          );
          for (const [i, r] of inWave.entries())
            sent.push({ key: r.key, variant: r.variant, answer: answers[i] as Answer });
        }
        for (const key of new Set(sent.map((s) => s.key))) {
          const written = await t.db
            .select({ title: posts.title })
            .from(posts)
            .where(like(posts.title, `${prefix} ${key} %`));
          expect(written).toHaveLength(1);
          const winner = written[0]?.title.split(" ").at(-1);
          const forKey = sent.filter((s) => s.key === key);
          for (const s of forKey) {
            if (s.variant === winner) expect(s.answer.status).toBe(200);
            else expect(s.answer.status).toBe(422);
          }
          expect(
            new Set(forKey.filter((s) => s.answer.status === 200).map((s) => JSON.stringify(s.answer.data))).size,
          ).toBe(1);
        }
      }),
      { numRuns: 15 },
    );
  });
});
