/**
 * Every request a resilience test sends, with how long it took to be answered and what the answer said, so the test
 * can hold each one against the phase it started in (before, during or after an outage) once the run is over.
 */

/** One request and its answer. */
export interface Outcome {
  /** The procedure path (`posts.create`), or `health`. */
  what: string;
  /** performance.now() when it was sent. */
  startedAt: number;
  /** Until the whole answer was read; for an event stream, until its status and headers. */
  ms: number;
  /** 0 when the handler threw instead of answering. */
  status: number;
  retryAfter: string | null;
  /** The error message the body carried, if any. */
  message: string | undefined;
  /** What the handler threw, when it threw. */
  threw: string | undefined;
}

/** A handler as the app exports it: the tRPC route's GET/POST, /api/health's GET. */
export type Handler = (req: Request) => Promise<Response>;

/** The message of a tRPC error body (`{ error: { json: { message } } }`) or of /api/health's failure. */
export function messageOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  if ("error" in body) {
    const error = body.error as { json?: { message?: unknown } } | undefined;
    return typeof error?.json?.message === "string" ? error.json.message : undefined;
  }
  if ("db" in body) {
    const db = body.db as { ok?: boolean; error?: unknown };
    return db.ok === false && typeof db.error === "string" ? db.error : undefined;
  }
  return undefined;
}

export class RequestLog {
  readonly outcomes: Outcome[] = [];
  /** Requests sent and not answered yet: what a stuck run was waiting for. */
  private readonly pending = new Set<{ what: string; startedAt: number }>();

  /**
   * Sends one request and records its answer. A body that is not an event stream is read in full (that is when the
   * client has its answer) and returned parsed; an event stream is returned unread.
   */
  async send(what: string, handler: Handler, req: Request): Promise<{ response: Response | undefined; body: unknown }> {
    const startedAt = performance.now();
    const sending = { what, startedAt };
    this.pending.add(sending);
    const done = (partial: Pick<Outcome, "status" | "retryAfter" | "message" | "threw">) => {
      this.pending.delete(sending);
      this.outcomes.push({ what, startedAt, ms: performance.now() - startedAt, ...partial });
    };
    let response: Response;
    try {
      response = await handler(req);
    } catch (error) {
      done({ status: 0, retryAfter: null, message: undefined, threw: String(error) });
      return { response: undefined, body: undefined };
    }
    const retryAfter = response.headers.get("retry-after");
    if ((response.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      done({ status: response.status, retryAfter, message: undefined, threw: undefined });
      return { response, body: undefined };
    }
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      done({ status: response.status, retryAfter, message: undefined, threw: `reading the body: ${String(error)}` });
      return { response, body: undefined };
    }
    done({ status: response.status, retryAfter, message: messageOf(body), threw: undefined });
    return { response, body };
  }

  /** `posts.create for 12345 ms`, one per request still unanswered (an event stream counts until its headers). */
  unanswered(): string[] {
    const now = performance.now();
    return [...this.pending].map((p) => `${p.what} for ${Math.round(now - p.startedAt)} ms`);
  }

  /** Outcomes of requests sent between two instants (performance.now()). */
  between(from: number, to: number): Outcome[] {
    return this.outcomes.filter((o) => o.startedAt >= from && o.startedAt < to);
  }
}

/** Lines shown per list in a failure message; the rest are counted. */
const SHOWN = 20;

/**
 * One line per outcome (the first few), for failure messages:
 * `+1234 ms posts.create 503 in 12 ms (Retry-After 2) "message"`.
 */
export function listOutcomes(outcomes: Outcome[], origin: number): string {
  const more = outcomes.length > SHOWN ? `\n... and ${outcomes.length - SHOWN} more` : "";
  return `${outcomes
    .slice(0, SHOWN)
    .map((o) => {
      const at = `+${Math.round(o.startedAt - origin)} ms`;
      const retry = o.retryAfter === null ? "" : ` (Retry-After ${o.retryAfter})`;
      const said = o.threw ? ` threw ${o.threw}` : o.message ? ` "${o.message}"` : "";
      return `${at} ${o.what} ${o.status} in ${Math.round(o.ms)} ms${retry}${said}`;
    })
    .join("\n")}${more}`;
}

/** A list in a failure message: its length and its first few items. */
export function sample<T>(items: T[]): { count: number; first: T[] } {
  return { count: items.length, first: items.slice(0, 5) };
}

/**
 * `promise`, or a rejection saying what `state` finds once `ms` have passed: a scenario waits for things that
 * must happen (an event evaluated, every writer answered), and one that hangs must fail saying where, not run into
 * the test's timeout saying nothing.
 */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  state: () => Promise<string>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state().then(
        (found) => reject(new Error(`${what}: not within ${ms} ms; ${found}`)),
        (error: unknown) => reject(new Error(`${what}: not within ${ms} ms (and describing the state threw ${error})`)),
      );
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a client waits before trying again: what Retry-After says, but no more than `capMs`. */
export function retryDelay(retryAfter: string | null, capMs: number): number {
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, capMs) : capMs;
}
