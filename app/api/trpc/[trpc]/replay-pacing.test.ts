/**
 * What broke: a client resuming after missing large events got the whole replay written at once, faster than it
 * read; past LIVE_STREAM_BUFFER_BYTES its stream was ended, it resumed, and the same happened again (a reconnect loop
 * that never caught up when the budget was a few messages). The replay now waits for a slow reader instead. Through
 * the real route, with the smallest budget the settings allow.
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { AppUser } from "@/server/resources";

process.env.LIVE_STREAM_BUFFER_BYTES = String(65_536);

let t: TestDatabase;
let route: typeof import("./route");
let author: AppUser;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  const [row] = await t.db
    .insert(users)
    .values({ name: "Author", email: "author@pacing.test", role: "member", passwordHash: "scrypt$secret" })
    .returning();
  author = row as AppUser;
});
afterAll(async () => {
  const { closeListener } = await import("@/server/core/realtime/listener");
  await closeListener(getDb());
  await t.drop();
});

/** Opens posts.onChange as an anonymous EventSource would; reads with a pause after every chunk (a slow client). */
async function readSlowly(lastEventId: string | undefined, until: (text: string) => boolean, pauseMs: number) {
  const controller = new AbortController();
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({})));
  const res = await route.GET(
    new Request(`http://localhost/api/trpc/posts.onChange?input=${input}`, {
      headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: controller.signal,
    }),
  );
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  try {
    while (!until(text)) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) {
        ended = true;
        break;
      }
      text += decoder.decode(chunk.value, { stream: true });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => {});
  }
  return { text, ended };
}

const readyIn = (text: string) => text.includes('"action":"ready"');

describe("a resuming client slower than its replay", () => {
  it("gets every missed event, then ready, on one stream", async () => {
    const first = await readSlowly(undefined, readyIn, 0);
    const resumeFrom = /id: ?(\d+)\n[^\n]*\n?data: [^\n]*"action":"ready"/.exec(first.text)?.[1];
    expect(resumeFrom).toMatch(/^\d+$/);
    const { callers } = await import("@/server/testing");
    const body = "x".repeat(16 * 1024);
    for (let i = 0; i < 30; i++) {
      await callers(t.db)
        .as(author)
        .posts.create({ title: `Missed ${i}`, body, status: "published" });
    }
    // Missed means committed, numbered and read by this instance's listener before the client comes back: events are
    // numbered just after COMMIT (realtime/sequencer.ts), and one numbered after the resume began arrives live.
    const { listenerFor } = await import("@/server/core/realtime/listener");
    await listenerFor(getDb()).caughtUp();
    // 30 events of 16 KiB: about 480 KiB, seven times the 64 KiB the stream may hold unread.
    // Some of the last may arrive live, after ready: read until all 30 are in.
    const creates = (text: string) => text.match(/"action":"create"/g)?.length ?? 0;
    const resumed = await readSlowly(resumeFrom, (text) => readyIn(text) && creates(text) >= 30, 15);
    expect(resumed.ended).toBe(false);
    expect(creates(resumed.text)).toBe(30);
    expect(readyIn(resumed.text)).toBe(true);
  });
});
