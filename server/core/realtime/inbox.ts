/**
 * A subscriber's queue between the listener (which pushes as events arrive) and its stream (which pulls as fast as
 * the client reads). Bounded: a reader that falls too far behind is failed rather than buffered without end, and what
 * it had queued is dropped at once (it resumes from its last event id, so nothing queued is lost).
 */
export class Inbox<T> {
  private readonly items: T[] = [];
  /** Once set (see `drainTo`), items go straight to it: no queue, no promise per item. */
  private consumer: ((item: T) => void) | undefined;
  /** Told when the inbox closes or fails after `drainTo`, so a stream fed straight from it ends too (not silence). */
  private onEnd: ((failure: unknown) => void) | undefined;
  /** The taker parked on an empty inbox, if any. */
  private waiting: { resolve: (value: T | undefined) => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;
  private closed = false;

  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.consumer) {
      this.consumer(item);
      return;
    }
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve(item);
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(new InboxOverflow(this.limit));
      return;
    }
    this.items.push(item);
  }

  /** Ends the inbox with an error that `take` throws; queued items are dropped (freed) at once. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = error;
    this.items.length = 0;
    this.close();
  }

  /** Why the inbox failed (an overflow, an event that could not be evaluated for it), if it did. */
  get error(): unknown {
    return this.failure;
  }

  /**
   * Hands what is queued, then every later item, to `consumer` as it is pushed. For a consumer that never falls
   * behind (it only enqueues bytes on a stream that bounds itself), this saves a promise and a wake-up per item.
   */
  drainTo(consumer: (item: T) => void, onEnd?: (failure: unknown) => void): void {
    for (let item = this.items.shift(); item !== undefined; item = this.items.shift()) consumer(item);
    if (this.closed) return;
    this.consumer = consumer;
    this.onEnd = onEnd;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.consumer = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (this.failure !== undefined) waiting?.reject(this.failure);
    else waiting?.resolve(undefined);
    const onEnd = this.onEnd;
    this.onEnd = undefined;
    onEnd?.(this.failure);
  }

  /** False once closed or failed (e.g. overflowed while its reader was still replaying). */
  get open(): boolean {
    return !this.closed;
  }

  get size(): number {
    return this.items.length;
  }

  /** The next item; undefined once closed (or when `signal` aborts). Throws the failure, if any. */
  async take(signal?: AbortSignal): Promise<T | undefined> {
    const queued = this.items.shift();
    if (queued !== undefined) return queued;
    if (this.failure !== undefined) throw this.failure;
    if (this.closed || signal?.aborted) return undefined;
    return new Promise<T | undefined>((resolve, reject) => {
      const onAbort = () => {
        this.waiting = undefined;
        resolve(undefined);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = () => signal?.removeEventListener("abort", onAbort);
      this.waiting = {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
    });
  }
}

export class InboxOverflow extends Error {
  constructor(limit: number) {
    super(`live subscriber fell more than ${limit} events behind`);
    this.name = "InboxOverflow";
  }
}
