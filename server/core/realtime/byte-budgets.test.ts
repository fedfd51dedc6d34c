/**
 * What broke: the live layer bounded its buffers by count, not bytes. The listener's evaluation cache kept 10,000
 * results whatever their size (677 MB live after 13,000 writes of 64 KiB posts), and a subscriber that stopped
 * reading held up to 1,000 messages (64 MB) until it read again or left. Now both have byte budgets, set small here
 * through their environment variables (read when the modules load).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { AppUser } from "@/server/resources";

process.env.LIVE_EVALUATION_CACHE_BYTES = String(1_048_576);
process.env.LIVE_INBOX_BYTES = String(262_144);

const { createCaller } = await import("@/server/router");
const { callers } = await import("@/server/testing");
const { createContext } = await import("@/server/trpc");
const { closeListener, listenerFor } = await import("./listener");
const { Inbox, InboxOverflow } = await import("./inbox");
const { approximateBytes } = await import("./size");
const { watch } = await import("./testing");

let t: TestDatabase;
let author: AppUser;

/** A post body of about `kib` KiB (the engine allows 100,000 characters). */
const body = (kib: number, seed: number) => `${seed} `.padEnd(kib * 1024, "lorem ipsum ");

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await t.db
    .insert(users)
    .values({ name: "Author", email: "author@budgets.test", role: "member", passwordHash: "scrypt$secret" })
    .returning();
  author = row as AppUser;
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

describe("an inbox", () => {
  const sizeOf = (item: string) => approximateBytes(item);

  it("fails a reader that fell more than its bytes behind, and drops what it held at once", async () => {
    const inbox = new Inbox<string>({ items: 1_000, bytes: 10_000, sizeOf });
    for (let i = 0; i < 4; i++) inbox.push("x".repeat(2_000));
    expect(inbox.queuedBytes).toBeGreaterThan(8_000);
    inbox.push("x".repeat(2_000));
    expect(inbox.open).toBe(false);
    expect(inbox.size).toBe(0);
    expect(inbox.queuedBytes).toBe(0);
    await expect(inbox.take()).rejects.toBeInstanceOf(InboxOverflow);
    expect(String(inbox.error)).toContain("10000 bytes");
  });

  it("still hands one item larger than the whole budget to a reader that has taken everything else", async () => {
    const inbox = new Inbox<string>({ items: 1_000, bytes: 1_000, sizeOf });
    inbox.push("y".repeat(5_000));
    expect(inbox.open).toBe(true);
    expect(await inbox.take()).toHaveLength(5_000);
    expect(inbox.queuedBytes).toBe(0);
  });
});

describe("byte budgets on PostgreSQL", () => {
  it("keep the evaluation cache under LIVE_EVALUATION_CACHE_BYTES, however large the rows", async () => {
    const listener = listenerFor(t.db);
    const controller = new AbortController();
    const stream = await createCaller(
      createContext({ db: t.db, actor: { kind: "user", user: author, via: "session" } }),
      {
        signal: controller.signal,
      },
    ).posts.onChange({});
    const reader = watch<{ action: string }>(stream, controller);
    await reader.until((m) => m.data.action === "ready");
    // One row at a time, each delivered before the next: the subscriber's inbox (256 KiB here, for the next test)
    // holds one 64 KiB row at most, however slowly a busy machine lets the reader run; the cache still sees all 40.
    const creates = () => reader.received.filter((m) => m.data.action === "create").length;
    for (let i = 0; i < 40; i++) {
      await callers(t.db)
        .as(author)
        .posts.create({ title: `Big ${i}`, body: body(64, i) });
      await reader.until(() => creates() >= i + 1);
    }
    await listener.caughtUp();
    // 40 rows of 64 KiB evaluated: 2.5 MiB of results, of which the cache keeps at most its 1 MiB.
    expect(listener.evaluationCacheBytes).toBeGreaterThan(512 * 1024);
    expect(listener.evaluationCacheBytes).toBeLessThanOrEqual(1_048_576);
    await reader.stop();
    expect(reader.received.filter((m) => m.data.action === "create")).toHaveLength(40);
  });

  it("end a subscriber that stopped reading once it holds LIVE_INBOX_BYTES, and take it off the listener", async () => {
    const listener = listenerFor(t.db);
    await listener.caughtUp();
    const before = listener.subscriberCount;
    const controller = new AbortController();
    const stream = await createCaller(
      createContext({ db: t.db, actor: { kind: "user", user: author, via: "session" } }),
      {
        signal: controller.signal,
      },
    ).posts.onChange({});
    const it = stream[Symbol.asyncIterator]();
    const ready = await it.next();
    expect(ready.value?.[1]).toMatchObject({ action: "ready" });
    expect(listener.subscriberCount).toBe(before + 1);
    // It reads nothing more: ten posts of 64 KiB are over its 256 KiB (they would be well under 1,000 messages).
    for (let i = 0; i < 10; i++)
      await callers(t.db)
        .as(author)
        .posts.create({ title: `Unread ${i}`, body: body(64, i) });
    await listener.caughtUp();
    expect(listener.subscriberCount).toBe(before);
    // What it had queued was dropped: reading again gets the retryable error, after at most the messages before it.
    let error: unknown;
    try {
      for (let r = await it.next(), n = 0; !r.done && n < 10; r = await it.next(), n++);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    controller.abort();
  });
});
