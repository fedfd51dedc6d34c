/**
 * A subscription tRPC refuses at its start (bad input, a caller who may not subscribe, POST to a subscription)
 * still gets a `200 text/event-stream` from tRPC, with the error as its first event. A client, a proxy or a log then
 * sees success. This reads the start of such a stream: when the first event after `connected` is tRPC's
 * `serialized-error`, the answer becomes that error with its own HTTP status (401, 403, 405, 400) as tRPC's JSON error
 * envelope; otherwise the stream goes on, with what was read replayed first.
 *
 * It also tells browsers how soon to reconnect: EventSource waits its default (3 s in Chromium) after a stream ends,
 * and every stream ends after `LIVE_SSE.maxDurationMs`, so without a `retry:` field each client would go deaf for 3 s
 * every 5 minutes. tRPC's SSE producer has no option for it, so it is prepended here, once, before tRPC's first event:
 * one pass over the stream for both jobs.
 */
import { RETRY_AFTER_SECONDS } from "@/db/availability";
import { LIVE_RETRY_FIELD } from "./config";

const RETRY = new TextEncoder().encode(LIVE_RETRY_FIELD);

/** How long to wait for the first event before streaming anyway (a refusal arrives in microseconds, not seconds). */
const PEEK_MS = 1_000;

/** tRPC's first events are small; a start larger than this is no refusal. */
const PEEK_BYTES = 16_384;

const decoder = new TextDecoder();

interface TrpcError {
  json?: { data?: { httpStatus?: unknown } };
}

/** The error of a `serialized-error` event that follows `connected`, or undefined when the stream started well. */
function refusalIn(text: string): { status: number; error: TrpcError } | undefined {
  const events = text.split("\n\n").filter((block) => /(^|\n)(event|data):/.test(block));
  const first = events.find((block) => !/(^|\n)event: (connected|ping)(\n|$)/.test(block));
  if (!first || !/(^|\n)event: serialized-error(\n|$)/.test(first)) return undefined;
  const data = first
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
  try {
    const error = JSON.parse(data) as TrpcError;
    const status = error.json?.data?.httpStatus;
    // A 503 (the database could not answer) is a refusal too: the client retries after Retry-After.
    return typeof status === "number" && ((status >= 400 && status < 500) || status === 503)
      ? { status, error }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the text holds a complete event other than `connected` and pings (so the start is decided). */
function decided(text: string): boolean {
  return text
    .split("\n\n")
    .slice(0, -1)
    .some((block) => /(^|\n)(event|data):/.test(block) && !/(^|\n)event: (connected|ping)(\n|$)/.test(block));
}

/** tRPC's stream answered: refused with its own status, or streamed on after a `retry:` field. Other answers as they are. */
export async function answerStreamStart(response: Response): Promise<Response> {
  const body = response.body;
  if (!body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
  const reader = body.getReader();
  const read: Uint8Array[] = [];
  let text = "";
  let done = false;
  // A read still outstanding when the wait ends: the replaying stream takes its chunk first, so none is lost.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const deadline = Date.now() + PEEK_MS;
  while (!done && !decided(text) && text.length < PEEK_BYTES && Date.now() < deadline) {
    pending ??= reader.read();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), deadline - Date.now());
    });
    const next = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (next === "late") break;
    pending = undefined;
    if (next.done) done = true;
    else {
      read.push(next.value);
      text += decoder.decode(next.value, { stream: true });
    }
  }
  const refusal = refusalIn(text);
  if (refusal) {
    await reader.cancel().catch(() => {});
    const headers = refusal.status === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : undefined;
    return Response.json({ error: refusal.error }, { status: refusal.status, ...(headers ? { headers } : {}) });
  }
  read.unshift(RETRY);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const first = read.shift();
      if (first) return controller.enqueue(first);
      if (done) return controller.close();
      const chunk = await (pending ?? reader.read());
      pending = undefined;
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}
