/**
 * The requests of `bench:soak`, each timed and recorded as an `Attempt`, and mutations as a careful client makes them:
 * one `Idempotency-Key` per logical write, resent unchanged on every retry of an ambiguous failure (no answer, 5xx,
 * 409, 429), so a write the server committed but could not acknowledge is not written twice.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { request } from "../live/server";

export type Op = "list" | "list by author" | "get" | "create" | "update";

export interface Attempt {
  op: Op;
  /** performance.now() when sent and when answered (or failed). */
  start: number;
  end: number;
  /** HTTP status; 0 when there was no answer (refused, reset, timed out). */
  status: number;
  /** The answer's Retry-After, seconds (NaN when it was no number); undefined without one. */
  retryAfter?: number;
  /** Why there was no answer (status 0). */
  error?: string;
}

/** What the run's writes came to, for the checks against the database afterwards. */
export interface WriteLedger {
  /** Acknowledged creates: the id the server returned. */
  created: string[];
  /** Creates given up on after an ambiguous failure: their op keys (also written into the post's body). */
  createsGivenUp: string[];
  updated: number;
  updatesGivenUp: number;
  /** Writes refused with a 4xx that no retry can fix (a bug in the bench or the server). */
  refused: string[];
}

export const newLedger = (): WriteLedger => ({
  created: [],
  createsGivenUp: [],
  updated: 0,
  updatesGivenUp: 0,
  refused: [],
});

/** A client's pause after a failed request: what Retry-After asks, at most 1 s; 250 ms when it asks nothing. */
const pauseAfter = (retryAfterSeconds: number | undefined) =>
  retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)
    ? 250
    : Math.min(1_000, retryAfterSeconds * 1_000);
/** A write still failing after this long is given up on; the checks then look for it in the database. */
const GIVE_UP_MS = 60_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const trpcPath = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;

export interface Answer {
  status: number;
  body: string;
  /** Seconds, when the answer had a Retry-After header. */
  retryAfter?: number;
}

export class Requests {
  readonly attempts: Attempt[] = [];

  constructor(readonly port: number) {}

  /** One request, recorded whatever its outcome; never rejects. */
  async send(
    op: Op,
    method: "GET" | "POST",
    path: string,
    options: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const start = performance.now();
    try {
      const res = await request(this.port, method, path, options);
      const header = res.headers["retry-after"];
      const retryAfter = header === undefined ? undefined : Number(header);
      const retry = retryAfter === undefined ? {} : { retryAfter };
      this.attempts.push({ op, start, end: performance.now(), status: res.status, ...retry });
      return { status: res.status, body: res.body, ...retry };
    } catch (error) {
      const message = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      this.attempts.push({ op, start, end: performance.now(), status: 0, error: message });
      return { status: 0, body: message };
    }
  }

  /** A read; on failure the client pauses before its next request, as a polite client would. */
  async read(op: Op, path: string, authorization?: string): Promise<Answer> {
    const answer = await this.send(op, "GET", path, authorization ? { headers: { authorization } } : {});
    if (answer.status !== 200) await sleep(pauseAfter(answer.retryAfter));
    return answer;
  }

  /**
   * A mutation with its idempotency key, retried on ambiguous failures until it succeeds or GIVE_UP_MS pass. Resolves
   * with the created or updated record's id, or undefined (given up, or refused: see the ledger).
   */
  async mutate(
    op: "create" | "update",
    authorization: string,
    input: unknown,
    ledger: WriteLedger,
    key: string = randomUUID(),
  ): Promise<string | undefined> {
    const started = performance.now();
    const headers = { authorization, "content-type": "application/json", "idempotency-key": key };
    const body = JSON.stringify(superjson.serialize(input));
    for (;;) {
      const answer = await this.send(op, "POST", `/api/trpc/posts.${op}`, { headers, body });
      if (answer.status === 200) {
        const id = idOf(answer.body);
        if (op === "create" && id) ledger.created.push(id);
        if (op === "update") ledger.updated++;
        return id;
      }
      const ambiguous = answer.status === 0 || answer.status >= 500 || answer.status === 409 || answer.status === 429;
      if (!ambiguous) {
        if (ledger.refused.length < 20)
          ledger.refused.push(`${op} HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
        return undefined;
      }
      if (performance.now() - started > GIVE_UP_MS) {
        if (op === "create") ledger.createsGivenUp.push(key);
        else ledger.updatesGivenUp++;
        return undefined;
      }
      await sleep(pauseAfter(answer.retryAfter));
    }
  }
}

/** The id in a tRPC answer (`{ result: { data: { json: { id } } } }`). */
function idOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { result?: { data?: { json?: { id?: unknown } } } }).result?.data?.json?.id;
    return id === undefined ? undefined : String(id);
  } catch {
    return undefined;
  }
}
