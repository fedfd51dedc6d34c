/**
 * The traffic of one resilience scenario against the app's real handlers, in-process: writers creating posts with
 * idempotency keys, live subscribers of `posts.onChange` that reconnect like browsers, and a prober reading
 * /api/health and a posts list every few hundred milliseconds. Every request lands in one RequestLog.
 */
import superjson from "superjson";
import { LIVE_RECONNECT_DELAY_MS } from "@/server/core/realtime/config";
import { latestPostEventId } from "./ledger";
import { LiveClient, type LiveClientOptions } from "./live-client";
import { type Handler, RequestLog, sleep } from "./requests";
import { Writers } from "./writers";

export interface AppHandlers {
  /** The tRPC route's GET and POST (app/api/trpc/[trpc]/route.ts). */
  get: Handler;
  post: Handler;
  /** app/api/health/route.ts GET. */
  health: () => Promise<Response>;
  /** `Bearer ...` of a write token. */
  authorization: string;
}

/** Waits between a client's retries: short, so that many requests meet the outage and each must be bounded. */
const RETRY_CAP_MS = 250;

export class Load {
  readonly log = new RequestLog();
  readonly writers: Writers;
  readonly clients: LiveClient[] = [];
  /** performance.now() at the start, the origin of the times in failure messages. */
  readonly origin = performance.now();
  private probing = false;
  private prober: Promise<void> | undefined;

  constructor(
    private readonly app: AppHandlers,
    private readonly name: string,
  ) {
    this.writers = new Writers({
      handler: app.post,
      log: this.log,
      authorization: app.authorization,
      prefix: name,
      pauseMs: 30,
      retryCapMs: RETRY_CAP_MS,
      replayEvery: 4,
      settleWithinMs: 30_000,
    });
  }

  /** `count` anonymous subscribers of every post change; resolves once each has its `ready`. */
  async subscribe(count: number): Promise<LiveClient[]> {
    const added = Array.from(
      { length: count },
      (_, i) =>
        new LiveClient({
          name: `${this.name} subscriber ${this.clients.length + i + 1}`,
          handler: this.app.get,
          log: this.log,
          path: "posts.onChange",
          retryMs: LIVE_RECONNECT_DELAY_MS,
        }),
    );
    this.clients.push(...added);
    await Promise.all(added.map((c) => c.start()));
    return added;
  }

  /** A subscriber not started yet, for a test that drives its connections itself. */
  client(name: string, onChange?: LiveClientOptions["onChange"]): LiveClient {
    const client = new LiveClient({
      name: `${this.name} ${name}`,
      handler: this.app.get,
      log: this.log,
      path: "posts.onChange",
      retryMs: LIVE_RECONNECT_DELAY_MS,
      ...(onChange ? { onChange } : {}),
    });
    this.clients.push(client);
    return client;
  }

  startWriting(writers: number): void {
    this.writers.start(writers);
  }

  startProbing(everyMs = 200): void {
    this.probing = true;
    const list = encodeURIComponent(JSON.stringify(superjson.serialize({ perPage: 5, skipTotal: true })));
    this.prober = (async () => {
      while (this.probing) {
        await Promise.all([
          this.log.send("health", () => this.app.health(), new Request("http://localhost/api/health")),
          this.log.send("posts.list", this.app.get, new Request(`http://localhost/api/trpc/posts.list?input=${list}`)),
        ]);
        await sleep(everyMs);
      }
    })();
  }

  /**
   * Stops writing (every create under way is settled first) and probing, then lets every subscriber catch up with
   * the log before it is stopped. Returns the newest post event id: what each subscriber must have reached. A
   * subscriber that does not get there is left for the comparison with the log to describe.
   */
  async finish(databaseUrl: string, catchUpMs = 10_000): Promise<number> {
    await this.writers.stop();
    this.probing = false;
    await this.prober;
    const through = await latestPostEventId(databaseUrl);
    await Promise.all(
      this.clients.map((c) =>
        c.waitFor(() => (c.changes.at(-1)?.seq ?? 0) >= through, catchUpMs, `event ${through}`).catch(() => undefined),
      ),
    );
    await Promise.all(this.clients.map((c) => c.stop()));
    return through;
  }
}
