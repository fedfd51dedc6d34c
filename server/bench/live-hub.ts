/**
 * The hand-written yardstick for `npm run bench:live`: the least an SSE fan-out over Postgres can do. One LISTEN per
 * instance, and each NOTIFY payload is framed once and handed to every open response as it is: no event log, no
 * permissions, no per-subscriber serialisation, no bound on a slow reader's buffer. Served only by app/api/bench/live,
 * which answers 404 unless ATRIUM_BENCH=1.
 */
import "server-only";
import { getSql } from "@/db/client";
import { BENCH_LIVE_CHANNEL } from "./live-channel";

type Client = ReadableStreamDefaultController<Uint8Array>;

const encoder = new TextEncoder();

export class LiveHub {
  private readonly clients = new Set<Client>();
  private listening: Promise<void> | undefined;

  get size(): number {
    return this.clients.size;
  }

  /** LISTENs once, on postgres.js's dedicated listen connection (shared with the engine's listener, if any). */
  start(): Promise<void> {
    this.listening ??= getSql()
      .listen(BENCH_LIVE_CHANNEL, (payload) => this.broadcast(payload))
      .then(() => undefined)
      .catch((error: unknown) => {
        this.listening = undefined; // the next subscriber tries again
        throw error;
      });
    return this.listening;
  }

  add(client: Client): void {
    this.clients.add(client);
  }

  remove(client: Client): void {
    this.clients.delete(client);
  }

  private broadcast(payload: string): void {
    // One encoding for everyone: the payload is the message, as the bench wrote it.
    const chunk = encoder.encode(`data: ${payload}\n\n`);
    for (const client of this.clients) {
      try {
        client.enqueue(chunk);
      } catch {
        this.clients.delete(client); // closed under us; the abort handler may not have run yet
      }
    }
  }
}

// On globalThis, like the engine's listener, so separately bundled routes would share the one LISTEN.
const registry = globalThis as unknown as { atriumBenchLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  registry.atriumBenchLiveHub ??= new LiveHub();
  return registry.atriumBenchLiveHub;
}
