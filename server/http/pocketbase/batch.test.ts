/**
 * PocketBase's `POST /api/batch` through the unmodified `pocketbase` SDK (`pb.createBatch()`, which sends a multipart
 * form with `@jsonPayload`) and as raw JSON, answered in process by the real handler (gate, plan, one transaction,
 * the procedures) on a real PostgreSQL: a batch commits together (records, audit entries, one committed live event
 * per write) or not at all (the tables exactly as before), answers PocketBase's shapes, never lets a request's own
 * headers change the caller, and, generated, any mix of valid and invalid requests is all applied or none, never a 5xx.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import type PocketBase from "pocketbase";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, liveEvents, liveEventsQueue, posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { settleLiveEvents } from "@/server/core/realtime/sequencer";
import { type Handler, inProcessSdk, ORIGIN, refusal, type SignedIn, signedIn } from "./testing";

const PASSWORD = "pocketbase-batch passphrase 7d1e";

let t: TestDatabase;
let handle: Handler;
let member: SignedIn;
let other: SignedIn;
let otherDraft: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const { createPocketBaseBatch } = await import("./batch");
  const { resources } = await import("@/server/resources");
  handle = createPocketBaseBatch(resources, { limits: { perIp: 1_000_000, perUser: 1_000_000 } });
  member = await signedIn(t, { name: "Mia Member", email: "mia@batch.test" }, PASSWORD);
  other = await signedIn(t, { name: "Olly Other", email: "olly@batch.test" }, PASSWORD);
  const batch = client(other.cookie, handle).createBatch();
  batch.collection("posts").create({ title: "Olly's batch draft", body: "Only Olly and editors see this." });
  const [draft] = await batch.send();
  otherDraft = draft?.body.id;
}, 60_000);

afterAll(() => t.drop());

/** The SDK, unmodified, with its requests answered in process and the caller's session cookie sent along. */
function client(cookie: string | undefined, to: Handler = handle): PocketBase {
  return inProcessSdk(to, cookie ? { cookie } : {});
}

/** A raw JSON batch, as a script without the SDK sends it. */
function send(body: unknown, headers: Record<string, string> = {}, to: Handler = handle): Promise<Response> {
  return to(
    new Request(`${ORIGIN}/api/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: member.cookie, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

/** Everything a batch could change: the posts' rows, and how many audit entries and live events there are. */
async function fingerprint() {
  const [row] = await t.db.execute(sql`select
    (select md5(coalesce(string_agg(p::text, '|' order by p.id), '')) from posts p) as posts,
    (select count(*)::int from audit_log) as audit,
    (select count(*)::int from live_events) + (select count(*)::int from live_events_queue) as live`);
  return row as { posts: string; audit: number; live: number };
}

async function ownPosts(limit: number): Promise<string[]> {
  const rows = await t.db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.authorId, member.id), sql`${posts.deletedAt} is null`))
    .orderBy(posts.createdAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** A fresh post of the member's, through a batch of one. */
async function newPost(title: string): Promise<string> {
  const batch = client(member.cookie).createBatch();
  batch.collection("posts").create({ title, body: "A body long enough to pass." });
  const [created] = await batch.send();
  return created?.body.id;
}

describe("a batch that succeeds", () => {
  it("commits creates, updates and deletes together, audited, with one live event per write after commit", async () => {
    const [kept, dropped] = [await newPost("Batch keeps this one"), await newPost("Batch deletes this one")];
    const batch = client(member.cookie).createBatch();
    batch.collection("posts").create({ title: "Made in a batch", body: "Created with two other writes." });
    batch.collection("posts").update(kept, { title: "Renamed in a batch" });
    batch.collection("posts").delete(dropped);
    const results = await batch.send();

    expect(results.map((r) => r.status)).toEqual([200, 200, 204]);
    expect(results[0]?.body).toMatchObject({ collectionName: "posts", title: "Made in a batch", authorId: member.id });
    expect(results[0]?.body).toHaveProperty("created");
    expect(results[1]?.body).toMatchObject({ id: kept, title: "Renamed in a batch" });
    expect(results[2]?.body).toBeNull();
    const made = results[0]?.body.id as string;

    const rows = await t.db
      .select()
      .from(posts)
      .where(inArray(posts.id, [made, kept, dropped]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(made)?.title).toBe("Made in a batch");
    expect(byId.get(kept)?.title).toBe("Renamed in a batch");
    expect(byId.get(dropped)?.deletedAt).toBeInstanceOf(Date);

    const audit = await t.db
      .select({ recordId: auditLog.recordId, operation: auditLog.operation, requestId: auditLog.requestId })
      .from(auditLog)
      .where(and(eq(auditLog.resource, "posts"), inArray(auditLog.recordId, [made, kept, dropped])))
      .orderBy(auditLog.id);
    const batchEntries = audit.slice(-3);
    expect(batchEntries.map((e) => [e.recordId, e.operation])).toEqual([
      [made, "create"],
      [kept, "update"],
      [dropped, "delete"],
    ]);
    // One request: its entries share one request id.
    expect(new Set(batchEntries.map((e) => e.requestId)).size).toBe(1);

    // Numbered just after the COMMIT (the sequencer): settled before looking.
    await settleLiveEvents(t.db);
    const live = await t.db
      .select({ recordId: liveEvents.recordId, operation: liveEvents.operation, seq: liveEvents.seq })
      .from(liveEvents)
      .where(and(eq(liveEvents.resource, "posts"), inArray(liveEvents.recordId, [made, kept, dropped])))
      .orderBy(liveEvents.id);
    const batchEvents = live.slice(-3);
    expect(batchEvents.map((e) => [e.recordId, e.operation])).toEqual([
      [made, "create"],
      [kept, "update"],
      [dropped, "delete"],
    ]);
    expect(live.filter((e) => e.recordId === made)).toHaveLength(1);
    expect(batchEvents.every((e) => e.seq !== null)).toBe(true);
  });

  it("answers each write with the record as its expand and fields ask, read back in the transaction", async () => {
    const batch = client(member.cookie).createBatch();
    batch
      .collection("posts")
      .create({ title: "Expanded in a batch", body: "With its author attached." }, { expand: "author" });
    batch.collection("posts").create({ title: "Trimmed in a batch", body: "Only two keys." }, { fields: "id,title" });
    const [expanded, trimmed] = await batch.send();
    expect(expanded?.body.expand?.author).toMatchObject({ id: member.id, collectionName: "users" });
    expect(Object.keys(trimmed?.body ?? {}).sort()).toEqual(["id", "title"]);
  });

  it("upserts: an update when the id names a record the caller sees, a create without one", async () => {
    const mine = await newPost("Upsert target post");
    const batch = client(member.cookie).createBatch();
    batch.collection("posts").upsert({ id: mine, title: "Upserted as update" });
    batch.collection("posts").upsert({ title: "Upserted as create", body: "No id, so a new post." });
    const [updated, created] = await batch.send();
    expect(updated).toMatchObject({ status: 200, body: { id: mine, title: "Upserted as update" } });
    expect(created).toMatchObject({ status: 200, body: { title: "Upserted as create" } });
    expect(created?.body.id).not.toBe(mine);
    const [row] = await t.db.select({ title: posts.title }).from(posts).where(eq(posts.id, mine));
    expect(row?.title).toBe("Upserted as update");
  });

  it("upserts an id the caller cannot see as a create, which Atrium refuses naming id: nothing leaks or changes", async () => {
    const before = await fingerprint();
    for (const id of [otherDraft, "00000000-0000-4000-8000-000000000000"]) {
      const batch = client(member.cookie).createBatch();
      batch.collection("posts").upsert({ id, title: "Not Olly's any more", body: "Trying to take it over." });
      const error = await refusal(batch.send());
      expect(error.status).toBe(400);
      const failed = error.response.data.requests["0"];
      expect(failed).toMatchObject({ code: "batch_request_failed", response: { status: 400 } });
      expect(Object.keys(failed.response.data)).toEqual(["id"]);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("the request log", () => {
  it("names each request's procedure, an upsert by what it turned out to be", async () => {
    const { batchProcedures } = await import("./batch");
    const mine = await newPost("Named in the log");
    const req = new Request(`${ORIGIN}/api/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: member.cookie },
      body: JSON.stringify({
        requests: [
          { method: "PUT", url: "/api/collections/posts/records", body: { id: mine, title: "Named once more" } },
          { method: "DELETE", url: `/api/collections/posts/records/${mine}` },
        ],
      }),
    });
    expect((await handle(req)).status).toBe(200);
    expect(batchProcedures(new URL(req.url), "POST", req)).toEqual(["posts.update", "posts.delete"]);
  });
});

describe("a batch that fails", () => {
  it("rolls everything back when its 3rd request is invalid, and names index 2 in PocketBase's failure", async () => {
    const target = await newPost("Survives a failed batch");
    const before = await fingerprint();
    const batch = client(member.cookie).createBatch();
    batch.collection("posts").create({ title: "Never committed", body: "The third request fails." });
    batch.collection("posts").update(target, { title: "Never renamed" });
    batch.collection("posts").create({ title: "x", body: "Too short a title." });
    batch.collection("posts").delete(target);
    const error = await refusal(batch.send());
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({
      status: 400,
      message: "Batch transaction failed.",
      data: {
        requests: {
          "2": {
            code: "batch_request_failed",
            message: "Batch request failed.",
            response: { status: 400, data: { title: { code: expect.any(String) } } },
          },
        },
      },
    });
    expect(Object.keys(error.response.data.requests)).toEqual(["2"]);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a member's batch that touches another member's draft, changing nothing", async () => {
    const before = await fingerprint();
    for (const touch of ["update", "delete"] as const) {
      const batch = client(member.cookie).createBatch();
      batch.collection("posts").create({ title: "Cover for the attempt", body: "This one alone would pass." });
      if (touch === "update") batch.collection("posts").update(otherDraft, { title: "Mia was here" });
      else batch.collection("posts").delete(otherDraft);
      const error = await refusal(batch.send());
      expect(error.response.data.requests["1"]).toMatchObject({ response: { status: 404 } });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("never lets a request's own headers change the caller", async () => {
    const before = await fingerprint();
    const response = await send({
      requests: [
        {
          method: "PATCH",
          url: `/api/collections/posts/records/${otherDraft}`,
          body: { title: "Through borrowed headers" },
          headers: { cookie: other.cookie, Authorization: "Bearer atr_not_a_real_token" },
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ data: { requests: { "0": { response: { status: 404 } } } } });
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a signed-out caller's writes, as single requests are", async () => {
    const batch = client(undefined).createBatch();
    batch.collection("posts").create({ title: "Anonymous batch post", body: "Nobody signed in." });
    const error = await refusal(batch.send());
    expect([401, 403]).toContain(error.response.data.requests["0"].response.status);
  });

  it("rolls back and says so when the batch runs out of time", async () => {
    const { createPocketBaseBatch } = await import("./batch");
    const { resources } = await import("@/server/resources");
    const hurried = createPocketBaseBatch(resources, { limits: { perIp: 1e6, perUser: 1e6 }, timeoutMs: 1 });
    const before = await fingerprint();
    const requests = ["One", "Two", "Three"].map((n) => ({
      method: "POST",
      url: "/api/collections/posts/records",
      body: { title: `Hurried post ${n}`, body: "No time for all of these." },
    }));
    const response = await send({ requests }, {}, hurried);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: "Batch transaction failed.",
      data: { requests: { code: "batch_timeout" } },
    });
    expect(await fingerprint()).toEqual(before);
  });
});

describe("what a batch may hold", () => {
  it("takes at most 50 requests", async () => {
    const batch = client(member.cookie).createBatch();
    for (let i = 0; i < 51; i++) batch.collection("posts").create({ title: `Too many ${i}`, body: "One past fifty." });
    const error = await refusal(batch.send());
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({
      message: "Invalid batch request data.",
      data: { requests: { code: "validation_length_too_long" } },
    });
  });

  it("answers bad urls, methods and bodies with a 400 naming requests.<i>", async () => {
    const create = {
      method: "POST",
      url: "/api/collections/posts/records",
      body: { title: "Fine post", body: "Fine body." },
    };
    const cases: [unknown[], string, string][] = [
      // [requests, the index named, the field named inside it]
      [[create, { method: "GET", url: "/api/collections/posts/records" }], "1", "method"],
      [[{ method: "POST", url: "/api/health" }], "0", "url"],
      [[create, { method: "PATCH", url: "/api/collections/posts/records" }], "1", "method"],
      [[{ method: "POST", url: "https://elsewhere.example/api/collections/posts/records" }], "0", "url"],
      [[{ method: "DELETE", url: "/api/collections/posts/records/%E0%A4%A" }], "0", "url"],
      [[create, create, { method: "post", url: "/api/collections/posts/records" }], "2", "method"],
      [[{ url: "/api/collections/posts/records" }], "0", "method"],
      [[{ method: "POST", url: `/api/collections/posts/records?${"a".repeat(2000)}` }], "0", "url"],
      [[{ method: "POST", url: "/api/collections/posts/records", body: "title=x" }], "0", "body"],
      [[create, { method: "DELETE", url: "/api/collections/posts/records/x", headers: { a: 1 } }], "1", "headers"],
      [[{ method: "POST", url: "/api/collections/posts/records", colour: "red" }], "0", "colour"],
      [[create, "not an object"], "1", ""],
      [[{ method: "POST", url: "/api/collections/posts/records?colour=red", body: {} }], "0", "colour"],
    ];
    const before = await fingerprint();
    for (const [requests, index, field] of cases) {
      const response = await send({ requests });
      const label = JSON.stringify(requests).slice(0, 120);
      expect(response.status, label).toBe(400);
      const body = (await response.json()) as { status: number; data: { requests: Record<string, unknown> } };
      expect(body.status, label).toBe(400);
      expect(Object.keys(body.data.requests), label).toEqual([index]);
      const named = body.data.requests[index] as Record<string, unknown> & { response?: { data: object } };
      if (field === "") expect(named, label).toHaveProperty("code");
      else expect(Object.keys(named.response?.data ?? named), label).toContain(field);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("names an unknown collection as the failed request, with the records API's 404", async () => {
    const response = await send({ requests: [{ method: "DELETE", url: "/api/collections/nothing/records/1" }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ data: { requests: { "0": { response: { status: 404 } } } } });
  });

  it("refuses a body that is no batch, an Idempotency-Key, and a foreign origin, each in PocketBase's shape", async () => {
    for (const [body, status] of [
      ["{", 400],
      ["[]", 400],
      ['{"requests": {}}', 400],
      ['{"requests": []}', 400],
      ["", 400],
    ] as const) {
      const response = await send(body);
      expect(response.status, body).toBe(status);
      expect(await response.json(), body).toMatchObject({ status, data: expect.any(Object) });
    }
    const keyed = await send({ requests: [] }, { "idempotency-key": "batch-key-1" });
    expect(keyed.status).toBe(400);
    expect(Object.keys(((await keyed.json()) as { data: object }).data)).toEqual(["Idempotency-Key"]);
    const foreign = await send({ requests: [] }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ status: 403, data: {} });
  });

  it("refuses files in the SDK's form with a 501 naming the field", async () => {
    const batch = client(member.cookie).createBatch();
    batch.collection("posts").create({ title: "With a file", body: "Has a cover.", cover: new Blob(["x"]) });
    const error = await refusal(batch.send());
    expect(error.status).toBe(501);
    expect(Object.keys(error.response.data)).toEqual(["requests.0.cover"]);
  });

  it("counts each request against its procedure's rate limit, as a tRPC batch is", async () => {
    const commenter = await signedIn(t, { name: "Cora Commenter", email: "cora@batch.test" }, PASSWORD);
    const before = await fingerprint();
    // comments.create allows 10 a minute: a batch of 11 is refused before any runs.
    const batch = client(commenter.cookie).createBatch();
    for (let i = 0; i < 11; i++) batch.collection("comments").create({ body: `Comment ${i}`, postId: otherDraft });
    const error = await refusal(batch.send());
    expect(error.status).toBe(429);
    expect(error.response).toMatchObject({ status: 429, data: {} });
    expect(await fingerprint()).toEqual(before);
  });
});

describe("generated batches", () => {
  type Op =
    | { kind: "create"; valid: boolean }
    | { kind: "update"; target: number; valid: boolean }
    | { kind: "delete"; target: number }
    | { kind: "upsert"; target: number | null }
    | { kind: "foreign" }
    | { kind: "garbage"; request: unknown };

  const garbage = fc.oneof(
    fc.record({ method: fc.constantFrom("GET", "PUT", "POST", "HEAD", ""), url: fc.string({ maxLength: 30 }) }),
    fc.record({
      method: fc.constantFrom("POST", "PATCH"),
      url: fc.constantFrom("/api/collections/posts/records", "/api/collections/posts/records/zz", "/api/x"),
      body: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }))),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("create" as const), valid: fc.boolean() }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant("update" as const), target: fc.nat(2), valid: fc.boolean() }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), target: fc.nat(2) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("upsert" as const), target: fc.option(fc.nat(2), { nil: null }) }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "foreign" as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("garbage" as const), request: garbage }) },
  );

  it("applies all of a batch or none of it, and never answers 5xx", async () => {
    let n = 0;
    const outcomes = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        let pool = await ownPosts(3);
        while (pool.length < 3) pool = [...pool, await newPost(`Pool post ${++n}`)];
        const deleted = new Set<number>();
        let expectOk = true;
        let writes = 0;
        const requests = ops.map((o) => {
          const title = `Generated ${++n} title`;
          const body = { title, body: "A generated body text." };
          switch (o.kind) {
            case "create":
              expectOk &&= o.valid;
              writes += 1;
              return { method: "POST", url: "/api/collections/posts/records", body: o.valid ? body : { title: "x" } };
            case "update":
              expectOk &&= o.valid && !deleted.has(o.target);
              writes += 1;
              return {
                method: "PATCH",
                url: `/api/collections/posts/records/${pool[o.target]}`,
                body: o.valid ? { title } : { body: "short" },
              };
            case "delete":
              expectOk &&= !deleted.has(o.target);
              deleted.add(o.target);
              writes += 1;
              return { method: "DELETE", url: `/api/collections/posts/records/${pool[o.target]}` };
            case "upsert":
              if (o.target !== null) expectOk &&= !deleted.has(o.target);
              writes += 1;
              return {
                method: "PUT",
                url: "/api/collections/posts/records",
                body: o.target === null ? body : { id: pool[o.target], title },
              };
            case "foreign":
              expectOk = false;
              return { method: "PATCH", url: `/api/collections/posts/records/${otherDraft}`, body: { title } };
            default:
              expectOk = false;
              return o.request;
          }
        });
        const before = await fingerprint();
        const response = await send({ requests });
        const label = JSON.stringify(requests).slice(0, 400);
        expect(response.status, label).toBeLessThan(500);
        const after = await fingerprint();
        outcomes[response.status === 200 ? "applied" : "refused"] += 1;
        if (response.status === 200) {
          const results = (await response.json()) as { status: number }[];
          expect(results, label).toHaveLength(requests.length);
          // Every write is one audit entry and one live event, all committed.
          expect(after.audit - before.audit, label).toBe(writes);
          expect(after.live - before.live, label).toBe(writes);
        } else {
          expect(await response.json(), label).toMatchObject({ status: response.status });
          expect(after, label).toEqual(before);
        }
        // Garbage may happen to be a valid request; everything else decides the outcome.
        if (!ops.some((o) => o.kind === "garbage")) expect(response.status === 200, label).toBe(expectOk);
      }),
      { numRuns: 60 },
    );
    // Both outcomes were exercised, not only refusals. (A random draw gave exactly 5 of one in CI: the bound is that
    // neither is rare, not a share of the 60.)
    expect(outcomes.applied).toBeGreaterThanOrEqual(3);
    expect(outcomes.refused).toBeGreaterThanOrEqual(3);
    // Every event that committed is numbered once the sequencer has run (just after each COMMIT): none is left over.
    await settleLiveEvents(t.db);
    expect(await t.db.select({ id: liveEventsQueue.id }).from(liveEventsQueue)).toEqual([]);
    expect(await t.db.select({ id: liveEvents.id }).from(liveEvents).where(isNull(liveEvents.seq))).toEqual([]);
  });
});
