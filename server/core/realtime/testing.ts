/**
 * Test helpers for live subscriptions driven through the tRPC caller: a subscriber reads its stream in the
 * background, so a test can write and then wait for (or rule out) what arrives.
 */
import { isTrackedEnvelope } from "@trpc/server";

export interface Received<T> {
  id: string;
  data: T;
}

export interface Watcher<T> {
  /** Everything received so far, in order. */
  readonly received: Received<T>[];
  /** The next message not yet taken by `next` (waits up to `timeoutMs`). */
  next(timeoutMs?: number): Promise<Received<T>>;
  /** Takes messages until one matches, returning the ones taken before it and the match. */
  until(match: (m: Received<T>) => boolean, timeoutMs?: number): Promise<{ skipped: Received<T>[]; hit: Received<T> }>;
  /** Ends the subscription (aborts its signal) and waits for the stream to finish. */
  stop(): Promise<void>;
  /** The error the stream ended with, if any. */
  readonly error: unknown;
}

/**
 * Reads a subscription in the background. tRPC types a subscription's output as the client sees it (`{ id, data }`),
 * while an in-process caller yields the server's envelopes (`tracked(id, data)`); both are accepted.
 */
export function watch<T>(stream: AsyncIterable<unknown>, controller: AbortController): Watcher<T> {
  const received: Received<T>[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  let done = false;
  let error: unknown;
  const pump = (async () => {
    try {
      for await (const value of stream) {
        if (isTrackedEnvelope(value)) received.push({ id: value[0], data: value[1] as T });
        else received.push(value as Received<T>);
        wake?.();
      }
    } catch (e) {
      error = e;
    } finally {
      done = true;
      wake?.();
    }
  })();

  async function next(timeoutMs = 5_000): Promise<Received<T>> {
    const deadline = Date.now() + timeoutMs;
    while (taken >= received.length) {
      if (done) throw new Error(`stream ended${error ? `: ${String(error)}` : ""} while waiting for a message`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms (got ${received.length} so far)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    return received[taken++] as Received<T>;
  }

  return {
    received,
    next,
    async until(match, timeoutMs = 5_000) {
      const skipped: Received<T>[] = [];
      for (;;) {
        const m = await next(timeoutMs);
        if (match(m)) return { skipped, hit: m };
        skipped.push(m);
      }
    },
    async stop() {
      controller.abort();
      await pump;
    },
    get error() {
      return error;
    },
  };
}
