/**
 * The writes of a `bench:live` phase, the same pattern on both sides, numbered k = 0, 1, 2, ...:
 * k % 4 = 0 or 1 creates a published post, 2 retitles the post created at k - 2 (an update everyone sees), 3 creates
 * a draft (only its author and editors see it). Authors take turns among the members.
 *
 * - engine: `posts.create` / `posts.update` as the author (API token) through POST /api/trpc, the real endpoint.
 * - baseline: `pg_notify` of a message shaped like the engine's, straight to PostgreSQL; with no permissions, every
 *   subscriber gets every write, drafts included.
 *
 * A write is announced to the subscriber processes once it has succeeded, with the time it was sent: a create's id
 * exists only in its response. Latency is measured from that send time.
 */
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import superjson from "superjson";
import { BENCH_LIVE_CHANNEL } from "../../server/bench/live-channel";
import { EVERYONE, monotonicMs } from "./protocol";
import { request } from "./server";

export interface Announced {
  key: string;
  sentAt: number;
  audience: number;
}

export interface WriteOutcome {
  announced?: Announced;
  /** Request (engine) or NOTIFY (baseline) round trip, ms. */
  ms: number;
  error?: string;
}

export type Writer = (k: number) => Promise<WriteOutcome>;

const kindOf = (k: number) => (k % 4 === 2 ? "update" : k % 4 === 3 ? "draft" : "publish");

export function engineWriter(port: number, members: string[], tag: string): Writer {
  const created = new Map<number, Promise<string | undefined>>();
  const authorOf = (k: number) => k % members.length;

  /** Never rejects (a rejected create would also reject the update waiting on it, unhandled). */
  async function mutate(path: string, authorization: string, input: unknown) {
    const sentAt = monotonicMs();
    try {
      const res = await request(port, "POST", `/api/trpc/${path}`, {
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize(input)),
      });
      const ms = monotonicMs() - sentAt;
      if (res.status !== 200) return { sentAt, ms, error: `${path} HTTP ${res.status}: ${res.body.slice(0, 160)}` };
      const body = JSON.parse(res.body) as { result?: { data?: { json?: { id?: unknown } } } };
      return { sentAt, ms, id: String(body.result?.data?.json?.id) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { sentAt, ms: monotonicMs() - sentAt, error: `${path}: ${message}` };
    }
  }

  return async (k) => {
    const kind = kindOf(k);
    if (kind === "update") {
      const id = await created.get(k - 2);
      if (!id) return { ms: 0, error: `update #${k}: the post of #${k - 2} was not created` };
      const author = members[authorOf(k - 2)] ?? "";
      const out = await mutate("posts.update", author, { id, data: { title: `Live bench ${tag} #${k - 2}, edited` } });
      return out.error
        ? out
        : { ms: out.ms, announced: { key: `update:${id}`, sentAt: out.sentAt, audience: EVERYONE } };
    }
    const author = authorOf(k);
    const input = {
      title: `Live bench ${tag} #${k}`,
      body: `Body of live bench post ${k}.`,
      status: kind === "publish" ? "published" : "draft",
    };
    const pending = mutate("posts.create", members[author] ?? "", input);
    created.set(
      k,
      pending.then((out) => out.id),
    );
    const out = await pending;
    if (out.error) return out;
    const audience = kind === "publish" ? EVERYONE : author;
    return { ms: out.ms, announced: { key: `create:${out.id}`, sentAt: out.sentAt, audience } };
  };
}

export function baselineWriter(sql: postgres.Sql, tag: string): Writer {
  const authorId = randomUUID();
  return async (k) => {
    const kind = kindOf(k);
    const target = kind === "update" ? k - 2 : k;
    const action = kind === "update" ? "update" : "create";
    const id = `${tag}-${target}`;
    const now = new Date().toISOString();
    // About the size and shape of the engine's message for the same write.
    const message = {
      action,
      id,
      record: {
        id,
        title: `Live bench ${tag} #${target}${kind === "update" ? ", edited" : ""}`,
        slug: `live-bench-${tag}-${target}`,
        body: `Body of live bench post ${target}.`,
        status: kind === "draft" ? "draft" : "published",
        authorId,
        publishedAt: kind === "draft" ? null : now,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      },
    };
    const sentAt = monotonicMs();
    try {
      await sql`select pg_notify(${BENCH_LIVE_CHANNEL}, ${JSON.stringify(message)})`;
    } catch (error) {
      return { ms: monotonicMs() - sentAt, error: error instanceof Error ? error.message : String(error) };
    }
    return { ms: monotonicMs() - sentAt, announced: { key: `${action}:${id}`, sentAt, audience: EVERYONE } };
  };
}
