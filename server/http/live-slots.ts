/**
 * A cap on the live streams one client holds open at once. Per app instance: a stream lives on the instance that
 * opened it, so a count kept here is exact for that instance, and a client spread over N instances holds at most N
 * times the cap (a load balancer with sticky connections keeps it near the cap).
 */
import { gateLimitsFromEnv } from "./limits";

export class LiveSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: () => number) {}

  /** Takes a slot for `client`: a release function (safe to call more than once), or null when all are taken. */
  acquire(client: string): (() => void) | null {
    const held = this.open.get(client) ?? 0;
    if (held >= this.max()) return null;
    this.open.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(client) ?? 1) - 1;
      if (now > 0) this.open.set(client, now);
      else this.open.delete(client);
    };
  }

  /** Streams `client` holds open on this instance. */
  held(client: string): number {
    return this.open.get(client) ?? 0;
  }
}

// On globalThis, like the live listener: Next bundles /api/trpc and /api/realtime apart, and one count must cover both.
const shared = globalThis as unknown as { atriumLiveSlots?: LiveSlots };

/**
 * This app instance's slots, shared by every route that serves live streams (tRPC's `onChange`, PocketBase's
 * /api/realtime), so a client's streams of both kinds count against one LIVE_STREAMS_PER_CLIENT.
 */
export function instanceLiveSlots(): LiveSlots {
  shared.atriumLiveSlots ??= new LiveSlots(() => gateLimitsFromEnv().liveStreamsPerClient);
  return shared.atriumLiveSlots;
}

/**
 * The response with `release` called once its stream is over: read to the end, failed, cancelled by the client, or
 * the request aborted. A response without a body (an error answer) releases at once.
 */
export function releaseWhenDone(res: Response, release: () => void, signal: AbortSignal): Response {
  const body = res.body;
  if (!body) {
    release();
    return res;
  }
  if (signal.aborted) release();
  else signal.addEventListener("abort", release, { once: true });
  const reader = body.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          release();
          controller.close();
        } else controller.enqueue(chunk.value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(stream, { status: res.status, statusText: res.statusText, headers: res.headers });
}
