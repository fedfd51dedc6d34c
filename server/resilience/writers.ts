/**
 * Clients that create posts through `/api/trpc/posts.create` the way a careful client must when the database may go
 * away: every create carries an Idempotency-Key, and an answer that leaves the outcome open (a 503, a dropped
 * connection) is retried with the same key until it is answered. Some creates are sent a second time after they
 * succeeded, as when the response is lost on the way: the retry must return the same post, not a second one.
 *
 * Every post's title is unique to its key, so the database says afterwards whether any key made two posts.
 */
import superjson from "superjson";
import { type Handler, type RequestLog, retryDelay, sleep } from "./requests";

type Serialized = Parameters<typeof superjson.deserialize>[0];

/** A create the server acknowledged: the client holds a 200 with the post's id. */
export interface Acknowledged {
  key: string;
  title: string;
  id: string;
  /** Attempts it took (1 when the first answer was a 200). */
  attempts: number;
}

/** A repeat of an acknowledged create, with the same key, that did not return the same post. */
export interface BrokenReplay {
  key: string;
  expected: string;
  got: string;
}

export interface WriterOptions {
  handler: Handler;
  log: RequestLog;
  /** `Bearer ...` of a write token. */
  authorization: string;
  /** Distinguishes this run's keys and titles from another's on the same database. */
  prefix: string;
  /** Pause between creates, so a handful of writers do not starve the 2-core machine. */
  pauseMs: number;
  /** Cap on the wait before a retry (Retry-After is honoured up to it). */
  retryCapMs: number;
  /** Every n-th acknowledged create is sent once more with its key. */
  replayEvery: number;
  /** How long one create may keep being retried before the client gives up on it. */
  settleWithinMs: number;
}

export class Writers {
  readonly acknowledged: Acknowledged[] = [];
  readonly brokenReplays: BrokenReplay[] = [];
  /** Answers that are neither a 200 nor a retryable refusal (503, or 409 for a key still being worked on). */
  readonly refusals: string[] = [];
  /** Keys whose create was still unanswered after `settleWithinMs`: the client cannot know whether they wrote. */
  readonly unsettled: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private counter = 0;

  constructor(private readonly options: WriterOptions) {}

  start(count: number): void {
    this.running = true;
    this.loops = Array.from({ length: count }, (_, n) => this.loop(n));
  }

  /** Stops starting new creates; resolves once every create under way has its answer. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(writer: number): Promise<void> {
    while (this.running) {
      const key = `${this.options.prefix}-${writer}-${++this.counter}`;
      const done = await this.create(key, `Outage post ${key}`);
      if (done && this.acknowledged.length % this.options.replayEvery === 0) await this.replay(done);
      await sleep(this.options.pauseMs);
    }
  }

  /** Sends the create until it is answered with a post (or the run is over while it was refused). */
  private async create(key: string, title: string): Promise<Acknowledged | undefined> {
    const giveUpAt = performance.now() + this.options.settleWithinMs;
    for (let attempts = 1; ; attempts++) {
      const answer = await this.send(key, title);
      if (answer.id) {
        const ack = { key, title, id: answer.id, attempts };
        this.acknowledged.push(ack);
        return ack;
      }
      if (!answer.retryable) {
        this.refusals.push(`${key} attempt ${attempts}: ${answer.status} ${answer.message ?? ""}`);
      }
      if (performance.now() > giveUpAt) {
        this.unsettled.push(key);
        return undefined;
      }
      // An unanswered create must be settled even after stop(): its key may have written a post.
      await sleep(retryDelay(answer.retryAfter, this.options.retryCapMs));
    }
  }

  private async replay(ack: Acknowledged): Promise<void> {
    const giveUpAt = performance.now() + this.options.settleWithinMs;
    while (performance.now() < giveUpAt) {
      const answer = await this.send(ack.key, ack.title);
      if (answer.id) {
        if (answer.id !== ack.id) this.brokenReplays.push({ key: ack.key, expected: ack.id, got: answer.id });
        return;
      }
      if (!answer.retryable) {
        this.refusals.push(`${ack.key} replay: ${answer.status} ${answer.message ?? ""}`);
        return;
      }
      await sleep(retryDelay(answer.retryAfter, this.options.retryCapMs));
    }
    this.unsettled.push(`${ack.key} (replay)`);
  }

  private async send(key: string, title: string) {
    const { response, body } = await this.options.log.send(
      "posts.create",
      this.options.handler,
      new Request("http://localhost/api/trpc/posts.create", {
        method: "POST",
        headers: {
          authorization: this.options.authorization,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify(
          superjson.serialize({ title, body: `Written under load as ${key}.`, status: "published" }),
        ),
      }),
    );
    const status = response?.status ?? 0;
    const retryAfter = response?.headers.get("retry-after") ?? null;
    const result = (body as { result?: { data?: Serialized } } | undefined)?.result;
    const data = status === 200 && result?.data ? (superjson.deserialize(result.data) as { id?: unknown }) : undefined;
    const message = (body as { error?: { json?: { message?: string } } } | undefined)?.error?.json?.message;
    return {
      status,
      retryAfter,
      message,
      id: typeof data?.id === "string" ? data.id : undefined,
      // A thrown handler (status 0) leaves the outcome open too; it is a failure of its own, counted by the test.
      retryable: status === 503 || status === 409 || status === 0,
    };
  }
}
