/**
 * What each audience may see of each event, for the listener's fan-out and for replays. Cached per (event, audience),
 * so live delivery and resuming clients share one query; every audience an event concerns is evaluated in one query
 * (decision 007). When that query fails for a reason that is the query's own (PostgreSQL refused one audience's
 * condition), it is split in halves until the failing audiences stand alone: they fail, every other audience still
 * gets its answer. A failure of the database itself is not split (it would fail every part): it fails them all, and
 * the listener retries the event.
 */

import { isDatabaseUnavailable } from "@/db/unavailable";
import type { Executor } from "../executor";
import { type Audience, type Visibility, visibilities, visibility } from "./audience";
import { LIVE_EVALUATION_CACHE, LIVE_EVALUATION_CACHE_BYTES } from "./config";
import type { LiveEvent } from "./events";
import { approximateBytes } from "./size";

/**
 * Runs before each visibility query with the audiences it evaluates (all of an event's, or a part after a failure);
 * throwing or rejecting fails that query as PostgreSQL would. For fault injection in tests.
 */
export type EvaluationHook = (audiences: readonly Audience[], event: LiveEvent) => void | Promise<void>;

type Outcome = PromiseSettledResult<Visibility>;

const keyOf = (event: LiveEvent, audience: Audience) => `${event.seq}#${audience.key}`;

/** What an evaluation still under way is counted as: its key, its promise, a small result. */
const PENDING_BYTES = 256;

interface Cached {
  found: Promise<Visibility>;
  bytes: number;
}

export class Evaluations {
  /** Oldest first (a Map keeps insertion order), so eviction takes from the front. */
  private readonly cache = new Map<string, Cached>();
  private bytes = 0;

  constructor(
    private readonly db: Executor,
    private readonly hook?: EvaluationHook,
  ) {}

  of(event: LiveEvent, audience: Audience): Promise<Visibility> {
    return this.all(event, [audience])[0] as Promise<Visibility>;
  }

  /** One promise per audience, in order; each settles on its own (one audience failing rejects only its promise). */
  all(event: LiveEvent, audiences: readonly Audience[]): Promise<Visibility>[] {
    const found = new Map<string, Promise<Visibility>>();
    const missing: Audience[] = [];
    for (const audience of new Map(audiences.map((a) => [a.key, a])).values()) {
      const cached = this.cache.get(keyOf(event, audience));
      if (cached) found.set(audience.key, cached.found);
      else missing.push(audience);
    }
    if (missing.length > 0) {
      const outcomes = this.splitting(event, missing);
      for (const [i, audience] of missing.entries()) {
        const one = outcomes.then((all) => {
          const outcome = all[i] as Outcome;
          if (outcome.status === "rejected") throw outcome.reason;
          return outcome.value;
        });
        found.set(audience.key, this.remember(keyOf(event, audience), one));
      }
    }
    return audiences.map((a) => found.get(a.key) as Promise<Visibility>);
  }

  /** Never rejects: the outcome of each audience, after splitting a refused query down to the audiences it refuses. */
  private async splitting(event: LiveEvent, audiences: Audience[]): Promise<Outcome[]> {
    try {
      const values = await this.query(event, audiences);
      return values.map((value) => ({ status: "fulfilled", value }));
    } catch (reason) {
      if (audiences.length === 1 || isDatabaseUnavailable(reason))
        return audiences.map(() => ({ status: "rejected", reason }));
      const half = Math.ceil(audiences.length / 2);
      const parts = await Promise.all([
        this.splitting(event, audiences.slice(0, half)),
        this.splitting(event, audiences.slice(half)),
      ]);
      return parts.flat();
    }
  }

  private async query(event: LiveEvent, audiences: Audience[]): Promise<Visibility[]> {
    await this.hook?.(audiences, event);
    const [only] = audiences;
    if (only && audiences.length === 1) return [await visibility(this.db, only, event.seq, event.recordId)];
    return visibilities(this.db, audiences, event.seq, event.recordId);
  }

  /**
   * Failures are forgotten at once: the next asker (a retry, a resuming client) queries again. Results are weighed
   * when they arrive (a 64 KiB row weighs 64 KiB), and the oldest go once the count or the bytes are over budget.
   */
  private remember(key: string, found: Promise<Visibility>): Promise<Visibility> {
    this.forget(key);
    const entry: Cached = { found, bytes: PENDING_BYTES + key.length };
    this.cache.set(key, entry);
    this.bytes += entry.bytes;
    found.then(
      (visibility) => {
        if (this.cache.get(key) !== entry) return;
        const bytes = PENDING_BYTES + key.length + approximateBytes(visibility.row);
        this.bytes += bytes - entry.bytes;
        entry.bytes = bytes;
        this.evict();
      },
      () => this.forget(key, entry),
    );
    this.evict();
    return found;
  }

  /** Bytes the cached results hold (for tests and the memory bench). */
  get cachedBytes(): number {
    return this.bytes;
  }

  private forget(key: string, only?: Cached): void {
    const entry = this.cache.get(key);
    if (!entry || (only && entry !== only)) return;
    this.cache.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    while (this.cache.size > LIVE_EVALUATION_CACHE || this.bytes > LIVE_EVALUATION_CACHE_BYTES) {
      const oldest = this.cache.keys().next();
      if (oldest.done) return;
      this.forget(oldest.value);
    }
  }
}
