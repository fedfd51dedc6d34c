/**
 * Whether the database answers, per pool: a circuit breaker in front of it (decision 013).
 *
 * Without it, a request during an outage waits for a connection that cannot be made: postgres.js queues it behind
 * reconnect attempts, and every request pays its own timeout. With it, the first failure that looks like an outage
 * (see unavailable.ts), or a request that has waited `timeoutMs`, triggers one probe; if the probe fails too, the
 * database is declared down. While down, requests are refused at once (503 with Retry-After, see `assertUp`),
 * requests still running are answered the same way once they have run `timeoutMs` (`bound`), and a probe runs every
 * `probeEveryMs`. The first probe that succeeds
 * declares it up again and refills the pool, so the first requests after an outage do not each pay a connect.
 *
 * A failure that is not an outage (one backend terminated, one connection reset) costs one probe, which succeeds:
 * nothing is refused.
 */
import { DatabaseUnavailableError, isDatabaseUnavailable, isSessionEnded } from "./unavailable";

export interface AvailabilityOptions {
  /** One round trip; rejects (or never settles) when the database cannot answer. */
  probe: () => Promise<unknown>;
  /** Opens the pool's connections again after an outage. */
  refill: () => Promise<unknown>;
  /** How long a probe may take, and how long a request may wait on a database that stopped answering. */
  timeoutMs: number;
  /** Pause between probes while down. */
  probeEveryMs?: number;
  log?: (message: string) => void;
}

const PROBE_EVERY_MS = 250;

/**
 * Runs `fn` once the event loop has read what arrived meanwhile. After a stall longer than a timeout (a process
 * starved of CPU, a long synchronous task), Node runs due timers before it reads sockets, so an answer that came in
 * during the stall would lose to the timer that says it never came: a healthy database declared down, a finished
 * request answered 503. `setImmediate` runs after that read (the poll phase), so the answer wins if it is there.
 */
function afterPendingReads(fn: () => void): void {
  setImmediate(fn);
}

/** Enough to get past every connection of a pool whose backends were all terminated at once. */
const MAX_PROBE_ATTEMPTS = 12;

/** What clients are told to wait before retrying: a probe or few, not the whole outage. */
export const RETRY_AFTER_SECONDS = 2;

export class DatabaseAvailability {
  private down = false;
  private downSince = 0;
  private checking: Promise<boolean> | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Called once when the database is next declared down (requests in flight start their last `timeoutMs`). */
  private readonly onDown = new Set<() => void>();

  constructor(private readonly options: AvailabilityOptions) {}

  get isDown(): boolean {
    return this.down;
  }

  get retryAfterSeconds(): number {
    return RETRY_AFTER_SECONDS;
  }

  /** Refuses at once, without touching the pool, while the database is down. */
  assertUp(): void {
    if (this.down) throw new DatabaseUnavailableError(RETRY_AFTER_SECONDS);
  }

  /** An error anyone saw: if it says the database could not answer, find out whether it is down. */
  report(error: unknown): void {
    if (this.down || this.closed || error instanceof DatabaseUnavailableError) return;
    if (isDatabaseUnavailable(error)) void this.check();
  }

  /** Probes now (or joins the probe under way); true when the database answered. */
  check(): Promise<boolean> {
    this.checking ??= this.probeOnce().then((ok) => {
      this.checking = undefined;
      if (ok && this.down) this.goUp();
      else if (!ok && !this.down) this.goDown();
      return ok;
    });
    return this.checking;
  }

  /**
   * Runs `work`, answering DatabaseUnavailableError instead once the database is declared down and `work` has run for
   * `timeoutMs`. A query on a connection that went silent (a network partition, no reset) would otherwise wait until
   * TCP gives up, and nobody would report a failure: so a `work` still running after `timeoutMs` asks for a probe
   * itself. A slow query on a healthy database is left alone (the probe answers). `work` goes on in the background;
   * whatever it wrote is what a retry with the same Idempotency-Key finds.
   */
  async bound<T>(work: () => Promise<T>): Promise<T> {
    this.assertUp();
    const started = performance.now();
    const { timeoutMs } = this.options;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onDown: (() => void) | undefined;
    const deadline = new Promise<never>((_, reject) => {
      const fail = () => afterPendingReads(() => reject(new DatabaseUnavailableError(RETRY_AFTER_SECONDS)));
      onDown = () => {
        clearTimeout(timer);
        timer = setTimeout(fail, Math.max(0, started + timeoutMs - performance.now()));
      };
      this.onDown.add(onDown);
      timer = setTimeout(() => void this.check(), timeoutMs);
    });
    const running = work();
    try {
      return await Promise.race([running, deadline]);
    } finally {
      if (onDown) this.onDown.delete(onDown);
      clearTimeout(timer);
      running.catch(() => {}); // lost the race: its failure is nobody's to handle
    }
  }

  /** Stops probing (the pool is closing). */
  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
  }

  /**
   * One probe, bounded by `timeoutMs`. A connection whose session just ended (its backend terminated, the reset not
   * yet read) fails the round trip without saying anything about the database: the probe tries again, on the next
   * connection, as long as that is the failure. A refused or timed-out connection ends it at once.
   */
  private async probeOnce(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => afterPendingReads(() => resolve(false)), this.options.timeoutMs);
    });
    const attempts = async (): Promise<boolean> => {
      for (let attempt = 0; attempt < MAX_PROBE_ATTEMPTS; attempt++) {
        try {
          await this.options.probe();
          return true;
        } catch (error) {
          if (!isSessionEnded(error)) return false;
        }
      }
      return false;
    };
    try {
      return await Promise.race([attempts(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private goDown(): void {
    this.down = true;
    this.downSince = performance.now();
    this.options.log?.("[db] the database is not answering; refusing requests with 503 until it does");
    const waiting = [...this.onDown];
    this.onDown.clear();
    for (const start of waiting) start();
    this.scheduleProbe();
  }

  private goUp(): void {
    this.down = false;
    const seconds = ((performance.now() - this.downSince) / 1000).toFixed(1);
    this.options.log?.(`[db] the database answers again after ${seconds} s`);
    this.options.refill().catch(() => {});
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.probeTimer = setTimeout(() => {
      void this.check().then(() => {
        if (this.down) this.scheduleProbe();
      });
    }, this.options.probeEveryMs ?? PROBE_EVERY_MS);
    this.probeTimer.unref?.();
  }
}
