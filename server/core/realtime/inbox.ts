/**
 * A subscriber's queue between the listener (which pushes as events arrive) and its stream (which pulls as fast as
 * the client reads). Bounded by count and by bytes: a reader that falls too far behind is failed rather than buffered
 * without end, and what it had queued is dropped at once (it resumes from its last event id, so nothing queued is
 * lost). Bytes are what the items keep alive (size.ts); items shared with other queues count in each.
 */
export interface InboxLimits<T> {
  /** Items queued at most. */
  items: number;
  /** Bytes queued at most, as `sizeOf` weighs the items. */
  bytes?: number;
  sizeOf?: (item: T) => number;
}

export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly sizes: number[] = [];
  private bytes = 0;
  /** Once set (see `drainTo`), items go straight to it: no queue, no promise per item. */
  private consumer: ((item: T) => void) | undefined;
  /** Told when the inbox closes or fails after `drainTo`, so a stream fed straight from it ends too (not silence). */
  private onEnd: ((failure: unknown) => void) | undefined;
  /** The taker parked on an empty inbox, if any. */
  private waiting: { resolve: (value: T | undefined) => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;
  private closed = false;

  constructor(private readonly limits: InboxLimits<T>) {}

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
    const size = this.limits.sizeOf?.(item) ?? 0;
    if (this.items.length >= this.limits.items) {
      this.fail(new InboxOverflow(`${this.limits.items} messages`));
      return;
    }
    const budget = this.limits.bytes;
    // One item larger than the whole budget still goes to a reader that has taken everything else.
    if (budget !== undefined && this.items.length > 0 && this.bytes + size > budget) {
      this.fail(new InboxOverflow(`${budget} bytes`));
      return;
    }
    this.items.push(item);
    this.sizes.push(size);
    this.bytes += size;
  }

  /** The oldest queued item, its bytes no longer counted. */
  private shift(): T | undefined {
    const item = this.items.shift();
    this.bytes -= this.sizes.shift() ?? 0;
    return item;
  }

  /** Ends the inbox with an error that `take` throws; queued items are dropped (freed) at once. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = error;
    this.items.length = 0;
    this.sizes.length = 0;
    this.bytes = 0;
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
    for (let item = this.shift(); item !== undefined; item = this.shift()) consumer(item);
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

  /** Bytes of what is queued. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** The next item; undefined once closed (or when `signal` aborts). Throws the failure, if any. */
  async take(signal?: AbortSignal): Promise<T | undefined> {
    const queued = this.shift();
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
  constructor(limit: string) {
    super(`live subscriber fell more than ${limit} behind`);
    this.name = "InboxOverflow";
  }
}
