/**
 * Live updates through the real tRPC route handler, read as the raw `text/event-stream` a browser gets: anonymous,
 * as a member with a real Auth.js session, with API tokens. Writes go through the same endpoint. A member's stream
 * never carries another user's draft or private field; a rolled-back write puts nothing on any stream; a reconnect
 * with `Last-Event-ID` gets exactly what it missed.
 */
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { parseEvent, type SseEvent } from "@/e2e/support/sse";
import { revokeSession } from "@/server/auth/sessions";
import { createApiToken, createUserWithPassword, sessionIdOf, signInCookie } from "@/server/auth/testing";
import { LIVE_RECONNECT_DELAY_MS, LIVE_SSE } from "@/server/core/realtime/config";
import { closeListener, listenerFor } from "@/server/core/realtime/listener";

type Rec = Record<string, unknown>;
const PASSWORD = "correct horse battery staple";

let t: TestDatabase;
let route: typeof import("./route");
const headers: Record<"anonymous" | "author" | "member" | "blocked" | "readToken", Record<string, string>> = {
  anonymous: {},
  author: {},
  member: {},
  blocked: {},
  readToken: {},
};
let authorId = "";

/** An open event stream, parsed as it arrives; `raw` is every byte received, for "never contains" checks. */
class Stream {
  raw = "";
  private events: SseEvent[] = [];
  private buffer = "";
  private taken = 0;
  private done = false;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        this.raw += text;
        this.buffer += text;
        let end = this.buffer.indexOf("\n\n");
        while (end >= 0) {
          const event = parseEvent(this.buffer.slice(0, end));
          if (event) this.events.push(event);
          this.buffer = this.buffer.slice(end + 2);
          end = this.buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by close()
    } finally {
      this.done = true;
    }
  }

  /** The next event other than pings. */
  async next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = this.events[this.taken];
      if (event) {
        this.taken++;
        if (event.event !== "ping") return event;
        continue;
      }
      if (this.done) throw new Error(`stream ended; received so far:\n${this.raw}`);
      if (Date.now() > deadline) throw new Error(`no event within ${timeoutMs} ms; received so far:\n${this.raw}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The next data message, decoded from superjson. */
  async message(): Promise<{ id: string | undefined; data: Rec }> {
    const event = await this.next();
    if (event.event !== "message") throw new Error(`expected a message, got ${event.event}: ${event.data}`);
    return { id: event.id, data: superjson.deserialize(JSON.parse(event.data)) as Rec };
  }

  close() {
    this.controller.abort();
    void this.reader.cancel().catch(() => {});
  }
}

const streams: Stream[] = [];

/** GET /api/trpc/<path>?input=... as EventSource does, optionally resuming with Last-Event-ID. */
async function open(who: keyof typeof headers, path: string, input: Rec = {}, lastEventId?: string) {
  await listenerFor(getDb()).caughtUp();
  const controller = new AbortController();
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const res = await route.GET(
    new Request(`http://localhost/api/trpc/${path}?input=${encoded}`, {
      headers: {
        ...headers[who],
        accept: "text/event-stream",
        ...(lastEventId ? { "last-event-id": lastEventId } : {}),
      },
      signal: controller.signal,
    }),
  );
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const stream = new Stream((res.body as ReadableStream<Uint8Array>).getReader(), controller);
  streams.push(stream);
  return stream;
}

/** Opens a stream and reads through `connected` and `ready`. */
async function live(who: keyof typeof headers, path: string, input: Rec = {}) {
  const stream = await open(who, path, input);
  expect((await stream.next()).event).toBe("connected");
  expect((await stream.message()).data).toMatchObject({ action: "ready" });
  return stream;
}

/** A tRPC mutation over HTTP, as the signed-in browser would send it. */
async function mutate(who: keyof typeof headers, path: string, input: unknown) {
  const res = await route.POST(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { ...headers[who], "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
  );
  const body = (await res.json()) as { result?: { data: unknown } };
  const data = body.result
    ? (superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]) as Rec)
    : undefined;
  return { status: res.status, data };
}

async function publishedPost(title: string) {
  const { status, data } = await mutate("author", "posts.create", {
    title,
    body: "Everyone may read this.",
    status: "published",
  });
  expect(status).toBe(200);
  return data?.id as string;
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
  const author = await createUserWithPassword(
    t.db,
    { name: "Ann Author", email: "ann@live.test", role: "member" },
    PASSWORD,
  );
  authorId = author.id;
  await createUserWithPassword(t.db, { name: "Mo Member", email: "mo@live.test", role: "member" }, PASSWORD);
  const blocked = await createUserWithPassword(
    t.db,
    { name: "Bo Blocked", email: "bo@live.test", role: "member" },
    PASSWORD,
  );
  headers.author = { cookie: await signInCookie(t.db, "ann@live.test", PASSWORD) };
  headers.member = { cookie: await signInCookie(t.db, "mo@live.test", PASSWORD) };
  headers.blocked = { cookie: await signInCookie(t.db, "bo@live.test", PASSWORD) };
  await t.db.update(users).set({ blocked: true }).where(eq(users.id, blocked.id));
  headers.readToken = { authorization: `Bearer ${await createApiToken(t.db, author.id, { scope: "read" })}` };
});
afterEach(() => {
  for (const s of streams.splice(0)) s.close();
});
afterAll(async () => {
  await closeListener(getDb());
  await t.drop();
});

describe("live updates over SSE (/api/trpc)", () => {
  it("opens with the reconnect delay, tRPC's connected event with the inactivity timeout, then ready, by id", async () => {
    const stream = await open("anonymous", "posts.onChange");
    const connected = await stream.next();
    // Before anything else: how soon the browser reconnects when the bounded stream ends.
    expect(stream.raw.startsWith(`retry: ${LIVE_RECONNECT_DELAY_MS}\n\n`)).toBe(true);
    expect(connected.event).toBe("connected");
    expect(JSON.parse(connected.data)).toEqual({
      reconnectAfterInactivityMs: LIVE_SSE.client.reconnectAfterInactivityMs,
    });
    const ready = await stream.message();
    expect(ready.id).toMatch(/^\d+$/);
    expect(ready.data).toEqual({ action: "ready", resumed: false });
  });

  it("shows a member no other user's draft or private field, and publishes reach them with public fields", async () => {
    const posts = await live("member", "posts.onChange");
    const people = await live("member", "users.onChange");
    const draft = await mutate("author", "posts.create", {
      title: "Ann's hidden draft",
      body: "Nobody else reads this.",
    });
    expect(draft.status).toBe(200);
    await mutate("author", "posts.update", { id: draft.data?.id, data: { body: "Still hidden, edited." } });
    await mutate("author", "users.update", { id: authorId, data: { bio: "Writes drafts." } });

    const person = await people.message();
    expect(person.data).toMatchObject({
      action: "update",
      id: authorId,
      record: { name: "Ann Author", bio: "Writes drafts." },
    });
    const published = await publishedPost("Ann's public post");
    const first = await posts.message();
    // The first thing on the member's posts stream is the published post: the draft and its edit sent nothing.
    expect(first.data).toMatchObject({ action: "create", id: published, record: { title: "Ann's public post" } });
    for (const raw of [posts.raw, people.raw]) {
      expect(raw).not.toContain("hidden");
      expect(raw).not.toContain("ann@live.test");
      expect(raw).not.toMatch(/passwordHash|scrypt\$|"blocked"/);
    }
  });

  it("puts nothing on any stream for a write that rolls back", async () => {
    const anonymous = await live("anonymous", "posts.onChange");
    const member = await live("member", "posts.onChange");
    const own = await publishedPost("Ann's post to keep");
    const others = (
      await mutate("member", "posts.create", { title: "Mo's post", body: "Mo wrote it.", status: "published" })
    ).data?.id as string;
    for (const s of [anonymous, member]) {
      expect((await s.message()).data).toMatchObject({ id: own });
      expect((await s.message()).data).toMatchObject({ id: others });
    }
    // Ann may rename her post but not Mo's: the batch fails after her post was updated and logged.
    const refused = await mutate("author", "posts.updateMany", {
      ids: [own, others],
      data: { title: "Renamed by Ann" },
    });
    expect(refused.status).toBe(403);
    const after = await publishedPost("Ann's sentinel post");
    for (const s of [anonymous, member]) {
      expect((await s.message()).data).toMatchObject({ action: "create", id: after });
      expect(s.raw).not.toContain("Renamed by Ann");
    }
  });

  it("unpublishing reaches an anonymous stream as a removal", async () => {
    const anonymous = await live("anonymous", "posts.onChange");
    const id = await publishedPost("Soon a draft again");
    expect((await anonymous.message()).data).toMatchObject({ action: "create", id });
    await mutate("author", "posts.update", { id, data: { status: "draft" } });
    expect((await anonymous.message()).data).toEqual({ action: "delete", id });
  });

  it("resumes with Last-Event-ID: exactly the missed events, then ready, then live ones", async () => {
    const first = await live("anonymous", "tags.onChange");
    const admin = await createUserWithPassword(
      t.db,
      { name: "Al Admin", email: "al@live.test", role: "admin" },
      PASSWORD,
    );
    const adminHeaders = { cookie: await signInCookie(t.db, admin.email, PASSWORD) };
    const tag = async (slug: string) => {
      const res = await route.POST(
        new Request("http://localhost/api/trpc/tags.create", {
          method: "POST",
          headers: { ...adminHeaders, "content-type": "application/json" },
          body: JSON.stringify(superjson.serialize({ name: slug, slug })),
        }),
      );
      expect(res.status).toBe(200);
    };
    await tag("before-drop");
    const seen = await first.message();
    first.close();
    await tag("missed-1");
    await tag("missed-2");

    const again = await open("anonymous", "tags.onChange", {}, seen.id);
    expect((await again.next()).event).toBe("connected");
    const missed = [await again.message(), await again.message()];
    expect(missed.map((m) => (m.data.record as Rec).slug)).toEqual(["missed-1", "missed-2"]);
    const ready = await again.message();
    expect(ready.data).toEqual({ action: "ready", resumed: true });
    await tag("live-1");
    const next = await again.message();
    expect((next.data.record as Rec).slug).toBe("live-1");
    const order = [seen, ...missed, ready, next].map((m) => Number(m.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // `ready` carries the id of the last replayed event (where to resume from); every change has its own.
    expect(ready.id).toBe(missed[1]?.id);
    expect(new Set(order).size).toBe(4);
  });

  it("leaves the listener when the client goes away", async () => {
    const listener = listenerFor(getDb());
    const before = listener.subscriberCount;
    const opened = await Promise.all([live("anonymous", "posts.onChange"), live("member", "posts.onChange")]);
    expect(listener.subscriberCount).toBe(before + 2);
    for (const stream of opened) stream.close();
    await vi.waitFor(() => expect(listener.subscriberCount).toBe(before), { timeout: 2_000 });
  });

  it("refuses a blocked user's session, and lets a read-only token subscribe", async () => {
    // Refused with its own status, not as an error event on a 200 stream.
    const blocked = await route.GET(
      new Request("http://localhost/api/trpc/posts.onChange", {
        headers: { ...headers.blocked, accept: "text/event-stream" },
      }),
    );
    expect(blocked.status).toBe(401);
    expect(await blocked.json()).toMatchObject({ error: { json: { data: { code: "UNAUTHORIZED" } } } });

    const token = await live("readToken", "posts.onChange");
    const draft = await mutate("author", "posts.create", {
      title: "Token owner's draft",
      body: "Ann's own draft body.",
    });
    // The token reads as Ann: her own draft reaches it.
    expect((await token.message()).data).toMatchObject({ action: "create", id: draft.data?.id });
  });

  it("refuses a session signed out elsewhere, and one still waiting for its second factor", async () => {
    const user = await createUserWithPassword(t.db, { name: "Sid", email: "sid@live.test", role: "member" }, PASSWORD);
    const cookie = await signInCookie(t.db, user.email, PASSWORD);
    await revokeSession(t.db, user.id, await sessionIdOf(cookie), "revoked by the user");
    await t.db.update(users).set({ twoFactorEnabledAt: new Date() }).where(eq(users.id, user.id));
    const pending = await signInCookie(t.db, user.email, PASSWORD);
    for (const [credential, message] of [
      [cookie, "This session has ended: sign in again."],
      [pending, "Enter your two-factor code first (/sign-in/two-factor)."],
    ] as const) {
      const res = await route.GET(
        new Request("http://localhost/api/trpc/posts.onChange", {
          headers: { cookie: credential, accept: "text/event-stream" },
        }),
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { json: { message, data: { code: "UNAUTHORIZED" } } } });
    }
  });
});
