/**
 * The API's rate limits: fixed-window counters in PostgreSQL (the rate_limits table, shared with sign-in), so a limit
 * holds across every app instance, without a database round trip on the request path.
 *
 * Write-behind (docs/decisions/009-request-limits.md has the measurements that chose it): each instance counts hits
 * in memory and adds them to PostgreSQL in one batched upsert every `flushMs` while it has any, which also brings
 * back those counters' totals from all instances. A request is decided on (last known total + hits not yet known to
 * it). The first hit on a key in a window waits for one read of that key's total, so a fresh instance starts from the
 * shared count, not from zero. The price is a bounded overshoot: an instance learns of the others' hits only when it
 * flushes its own, so a client spread over N instances can pass the limit by what it sends in one flush interval.
 */
import type { Database } from "@/db/client";
import { addRateLimitHits, pruneRateLimits, type RateLimitCount } from "@/server/auth/rate-limit";
import { logger } from "@/server/core/logging/logger";

export interface LimitRule {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Hits this request costs: 1, or the number of calls in a batch. */
  cost: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; key: string; retryAfter: number };

interface Counter {
  windowSeconds: number;
  /** The window's total across all instances, as of the last answer from the database. */
  known: number;
  /** Hits counted here and not yet sent, and hits sent in a flush not yet answered. */
  pending: number;
  sending: number;
  /** Local clock time when the window ends. */
  resetAt: number;
  /** Set while the first read of this key's total is under way; deciding waits for it. */
  loading?: Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;
const LOG_EVERY_MS = 60_000;

export class SharedRateLimiter {
  private readonly counters = new Map<string, Counter>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private running = false;
  private lastPrune = Date.now();
  private lastLog = 0;

  constructor(
    private readonly db: () => Database,
    private readonly flushMs = 250,
  ) {}

  /**
   * Counts `cost` hits against every rule when all of them have room, else counts nothing and says which refused and
   * in how many seconds its window ends (the longest wait among the refusals).
   */
  async check(rules: LimitRule[]): Promise<LimitDecision> {
    await this.load(rules);
    const now = Date.now();
    let refusal: LimitDecision | undefined;
    for (const rule of rules) {
      const counter = this.counters.get(rule.key);
      if (!counter) continue;
      if (counter.known + counter.sending + counter.pending + rule.cost <= rule.limit) continue;
      const retryAfter = Math.max(1, Math.ceil((counter.resetAt - now) / 1000));
      if (!refusal || (!refusal.allowed && retryAfter > refusal.retryAfter)) {
        refusal = { allowed: false, key: rule.key, retryAfter };
      }
    }
    if (refusal) return refusal;
    for (const rule of rules) {
      const counter = this.counters.get(rule.key);
      if (counter) counter.pending += rule.cost;
    }
    this.start();
    return { allowed: true };
  }

  /** Sends every pending hit now; the timer calls it, tests and shutdown may too. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce()).catch((error: unknown) => this.complain("flush", error));
    return this.flushing;
  }

  /** Stops the timer (pending hits stay unsent unless `flush()` is awaited first). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the current total of every key that has no live window here yet, all in one statement. */
  private async load(rules: LimitRule[]): Promise<void> {
    const now = Date.now();
    const fresh: Counter[] = [];
    const keys: string[] = [];
    const waits: Promise<void>[] = [];
    for (const rule of rules) {
      const existing = this.counters.get(rule.key);
      if (existing && existing.resetAt > now) {
        if (existing.loading) waits.push(existing.loading);
        continue;
      }
      // A window that ended locally starts over; hits of the old window not yet sent belonged to it, and go.
      const counter: Counter = {
        windowSeconds: rule.windowSeconds,
        known: 0,
        pending: 0,
        sending: 0,
        resetAt: now + rule.windowSeconds * 1000,
      };
      this.counters.set(rule.key, counter);
      fresh.push(counter);
      keys.push(rule.key);
    }
    if (fresh.length > 0) {
      const loading = this.read(keys, fresh);
      for (const counter of fresh) counter.loading = loading;
      waits.push(loading);
    }
    await Promise.all(waits);
  }

  private async read(keys: string[], counters: Counter[]): Promise<void> {
    try {
      // Adding zero opens the window in the database if no instance has yet, so every instance shares its end.
      const rows = await addRateLimitHits(
        this.db(),
        keys.map((key, i) => ({ key, count: 0, windowSeconds: counters[i]?.windowSeconds ?? 60 })),
      );
      this.apply(rows, new Map(keys.map((key, i) => [key, counters[i] as Counter])));
    } catch (error) {
      // The database is unreachable: decide on this instance's own counts until it answers again (fail open).
      this.complain("read", error);
    } finally {
      for (const counter of counters) counter.loading = undefined;
    }
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) void this.flush();
    }, this.flushMs);
    this.timer.unref?.();
  }

  private async flushOnce(): Promise<void> {
    this.running = true;
    try {
      const now = Date.now();
      const sending = new Map<string, Counter>();
      for (const [key, counter] of this.counters) {
        if (counter.loading) continue;
        if (counter.pending > 0) {
          counter.sending = counter.pending;
          counter.pending = 0;
          sending.set(key, counter);
        } else if (counter.resetAt <= now) this.counters.delete(key);
      }
      if (sending.size > 0) await this.send(sending);
      // Nothing left to send: sleep until the next counted hit starts the timer again.
      if (![...this.counters.values()].some((c) => c.pending > 0)) this.stop();
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now;
        await Promise.resolve()
          .then(() => pruneRateLimits(this.db()))
          .catch((error: unknown) => this.complain("prune", error));
      }
    } finally {
      this.running = false;
    }
  }

  private async send(sending: Map<string, Counter>): Promise<void> {
    const hits = [...sending].map(([key, c]) => ({ key, count: c.sending, windowSeconds: c.windowSeconds }));
    try {
      this.apply(await addRateLimitHits(this.db(), hits), sending);
    } catch (error) {
      this.complain("flush", error);
      // Kept for the next flush, so no hit is lost while the database is away.
      for (const counter of sending.values()) {
        counter.pending += counter.sending;
        counter.sending = 0;
      }
    }
  }

  /** Takes the database's totals, for counters still current here (one may have been replaced meanwhile). */
  private apply(rows: RateLimitCount[], counters: Map<string, Counter>): void {
    const now = Date.now();
    for (const row of rows) {
      const counter = counters.get(row.key);
      if (!counter || this.counters.get(row.key) !== counter) continue;
      counter.known = row.count;
      counter.sending = 0;
      counter.resetAt = now + row.msLeft;
    }
  }

  private complain(what: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = now;
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : error;
    logger("rate-limit").error(`${what} failed (${reason}); deciding on this instance's counts meanwhile`);
  }
}
