/**
 * Regression test for `kill -9` of the app mid-writes (issue 13): the app's handlers run in their own process
 * (app-process.ts) over a test database; writers create posts through HTTP, one post or five at a time, each with an
 * Idempotency-Key; the process is SIGKILLed while they write. Then, in the database: every acknowledged post is there
 * once, with exactly one audit entry and one live event, and no post, audit entry or event exists without the
 * others. A fresh process then takes the creates that never got an answer, retried with their keys: none makes a
 * second post. A subscriber resuming on it from before the kill replays every acknowledged post's event.
 *
 * Why a process of our own rather than `next start`: what a SIGKILL can break is what the handlers had committed,
 * which does not depend on Next's HTTP layer; this runs in seconds on every vitest pass (the embedded PostgreSQL and
 * CI's PostgreSQL 15), with no production build.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { inArray } from "drizzle-orm";
import postgres from "postgres";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { SseStream, subscriptionUrl } from "@/e2e/support/sse";
import { createApiToken, createUserWithPassword } from "@/server/auth/testing";
import { LIVE_CHANNEL } from "@/server/core/realtime/config";
import { ledgerProblems, postEventIds } from "./ledger";
import { sleep } from "./requests";

type Serialized = Parameters<typeof superjson.deserialize>[0];

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const APP_PROCESS = path.join(import.meta.dirname, "app-process.ts");
const WRITERS = 6;
/** Acknowledged creates before the kill: enough that the kill lands among many writes under way. */
const ACKNOWLEDGED_BEFORE_KILL = 40;
/** Processes killed at most, until one kill cuts off a create that had committed. */
const KILL_ROUNDS = 4;

let t: TestDatabase;
let authorization = "";
/** Hears every commit of a post (the live log's NOTIFY), to time the kill. */
let commits: postgres.Sql;
/** Called on each commit while a kill waits for one. */
let onCommit: (() => void) | undefined;
const processes = new Set<ChildProcess>();

interface App {
  child: ChildProcess;
  base: string;
  output: string[];
}

/** Starts app-process.ts on the test database; resolves once it listens. */
async function startApp(): Promise<App> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", APP_PROCESS], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: t.url,
      API_RATE_LIMIT_PER_IP: "100000000",
      API_RATE_LIMIT_PER_USER: "100000000",
    },
  });
  processes.add(child);
  child.once("exit", () => processes.delete(child));
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output.join("")}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const found = /listening (\d+)/.exec(output.join(""));
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${code ?? signal}) before it listened:\n${output.join("")}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, output };
}

/** SIGKILL, and wait until the process is gone. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** A create as the client sees it: the posts it holds a 200 for, or nothing (no answer, or not a 200). */
async function create(base: string, key: string, titles: string[]): Promise<string[] | undefined> {
  const many = titles.length > 1;
  const post = (title: string) => ({ title, body: `Written before a kill -9 as ${key}.`, status: "published" });
  try {
    const res = await fetch(`${base}/api/trpc/${many ? "posts.createMany" : "posts.create"}`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(superjson.serialize(many ? { items: titles.map(post) } : post(titles[0] as string))),
    });
    const body = (await res.json()) as { result?: { data: Serialized } };
    if (res.status !== 200 || !body.result) return undefined;
    const data = superjson.deserialize(body.result.data) as { id: string } | { id: string }[];
    return Array.isArray(data) ? data.map((p) => p.id) : [data.id];
  } catch {
    return undefined; // the connection died with the process: the client cannot know what was written
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  const author = await createUserWithPassword(
    t.db,
    { name: "Kim Killed", email: "kim@kill.test", role: "member" },
    "correct horse battery staple",
  );
  authorization = `Bearer ${await createApiToken(t.db, author.id, { scope: "write" })}`;
  commits = postgres(t.url, { max: 1, onnotice: () => {} });
  await commits.listen(LIVE_CHANNEL, () => onCommit?.());
});

afterAll(async () => {
  await Promise.all([...processes].map(kill));
  await commits?.end({ timeout: 1 });
  await t.drop();
});

/** Creates the client holds a 200 for, and creates it never heard back from, by key. */
interface Writes {
  acknowledged: Map<string, string[]>;
  unanswered: Map<string, string[]>;
}

/**
 * Writes through `app` with WRITERS clients until ACKNOWLEDGED_BEFORE_KILL creates are acknowledged, then SIGKILLs
 * it the moment the next write commits (its NOTIFY leaves PostgreSQL with the COMMIT's acknowledgement): that
 * write's client most likely never gets its answer, the case a keyed retry must settle without a second post.
 */
async function writeUntilKilled(app: App, round: number, writes: Writes): Promise<void> {
  let writing = true;
  let n = 0;
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    while (writing) {
      const key = `kill-${round}-${w}-${++n}`;
      // Every third request creates five posts in one transaction: a kill must not leave some of them.
      const titles = n % 3 === 0 ? [1, 2, 3, 4, 5].map((i) => `Killed ${key}.${i}`) : [`Killed ${key}`];
      const ids = await create(app.base, key, titles);
      if (ids) writes.acknowledged.set(key, ids);
      else writes.unanswered.set(key, titles);
    }
  });
  const acknowledgedBefore = writes.acknowledged.size;
  while (writes.acknowledged.size < acknowledgedBefore + ACKNOWLEDGED_BEFORE_KILL) await sleep(5);
  await new Promise<void>((resolve) => {
    onCommit = () => {
      onCommit = undefined;
      writing = false;
      app.child.kill("SIGKILL");
      resolve();
    };
  });
  await kill(app.child);
  await Promise.all(writers);
}

/** Posts of creates the client never heard back from that committed anyway. */
async function committedUnanswered(writes: Writes): Promise<number> {
  const titles = [...writes.unanswered.values()].flat();
  if (titles.length === 0) return 0;
  return (await t.db.select({ title: posts.title }).from(posts).where(inArray(posts.title, titles))).length;
}

const WHOLE = { missing: [], duplicated: [], auditNotOne: [], eventNotOne: [], orphans: [], unnumbered: 0 };

describe("kill -9 of the app mid-writes", () => {
  it("keeps every acknowledged post whole (audit entry, live event), nothing half-written, and keyed retries make no second post", async () => {
    const writes: Writes = { acknowledged: new Map(), unanswered: new Map() };
    let startedAt: string | undefined;
    let ambiguous = 0;
    // Until a kill has cut off a create that committed (usually the first or second), at most KILL_ROUNDS times.
    for (let round = 1; round <= KILL_ROUNDS && ambiguous === 0; round++) {
      const app = await startApp();
      if (startedAt === undefined) {
        // Where a subscriber stands before any write: it resumes from here after the kills.
        const before = await SseStream.open(subscriptionUrl(app.base, "posts.onChange", {}));
        startedAt = (await before.ready()).id;
        before.close();
      }
      await writeUntilKilled(app, round, writes);
      ambiguous = await committedUnanswered(writes);
      const acknowledgedIds = [...writes.acknowledged.values()].flat();
      console.log(
        `[kill -9] round ${round}: ${writes.acknowledged.size} creates acknowledged (${acknowledgedIds.length} posts), ` +
          `${writes.unanswered.size} cut off, of which ${ambiguous} posts had committed`,
      );
      expect(await ledgerProblems(t.url, acknowledgedIds)).toEqual(WHOLE);
    }

    // A client whose create was cut off retries it with its key on a fresh process: one post per title, never two.
    const after = await startApp();
    for (const [key, titles] of writes.unanswered) {
      const ids = await create(after.base, key, titles);
      expect(ids, `retry of ${key}`).toHaveLength(titles.length);
      writes.acknowledged.set(key, ids ?? []);
    }
    const allIds = [...writes.acknowledged.values()].flat();
    expect(await ledgerProblems(t.url, allIds)).toEqual(WHOLE);

    // The live events outlived the process too: resuming from before the kills replays exactly the log's post events.
    const resumed = await SseStream.open(subscriptionUrl(after.base, "posts.onChange", { lastEventId: startedAt }));
    expect((await resumed.next()).event).toBe("connected");
    const replayed: { seq: number; id: string }[] = [];
    for (;;) {
      const message = await resumed.message();
      if (message.data.action === "ready") break;
      replayed.push({ seq: Number(message.id), id: message.data.id });
    }
    resumed.close();
    expect(replayed.map((r) => r.seq)).toEqual(await postEventIds(t.url, Number(startedAt), Number.MAX_SAFE_INTEGER));
    const replayedPosts = new Set(replayed.map((r) => r.id));
    expect(allIds.filter((id) => !replayedPosts.has(id))).toEqual([]);
    await kill(after.child);
  }, 120_000);
});
