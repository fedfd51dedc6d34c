/**
 * One fuzz request as plain data (what fast-check generates and prints), the real Request built from it, and the
 * response read back into what the properties check. Event streams are read for their first events only, then
 * aborted, so a subscription never holds the test.
 */
import { parseEvent, type SseEvent } from "@/e2e/support/sse";
import type { Big } from "./hostile";
import { type Envelope, inputText, rawText } from "./wire";

export interface CallInput {
  value: unknown;
  envelope: Envelope;
}

export interface Plan {
  role: string;
  method: "GET" | "POST";
  /** Procedure paths; more than one, or `batch`, makes it a batch request. */
  paths: string[];
  batch: boolean;
  /** Per call; `undefined` sends no input for that call. */
  inputs: (CallInput | undefined)[];
  /** Replaces the body (POST) or the `input` parameter (GET) with text that is not what a client would send. */
  raw?: string | Big;
  /** Replaces the whole query string of a GET, verbatim: percent-escapes that do not decode. */
  rawQuery?: string;
  /** Batch inputs keyed from this index instead of 0. */
  keyOffset?: number;
  contentType?: string;
}

export interface CallError {
  message: unknown;
  code: unknown;
  httpStatus: unknown;
  fieldErrors: unknown;
  /** The error element as sent, for the failure report and the "no stack anywhere" check. */
  text: string;
}

export interface Outcome {
  status: number;
  /** Per element of the answer (one for a single call), the errors; successes are only counted. */
  errors: CallError[];
  successes: number;
  /** Set when the answer could not be read as tRPC JSON. */
  unreadable?: string;
  /** The first events of a 200 event stream. */
  events?: SseEvent[];
  /** A stream that broke instead of delivering or ending. */
  streamError?: string;
}

const ORIGIN = "http://localhost";
const SSE_WAIT_MS = 1_500;
/** An answer slower than this is a failure in itself: one request must not be able to hold the server. */
export const ANSWER_WITHIN_MS = 15_000;

function batchText(texts: (string | undefined)[], offset: number): string {
  const parts = texts.flatMap((t, i) => (t === undefined ? [] : [`"${i + offset}":${t}`]));
  return `{${parts.join(",")}}`;
}

export function buildRequest(plan: Plan, headers: Record<string, string>, signal: AbortSignal): Request {
  const texts = plan.inputs.map((i) => (i ? inputText(i.value, i.envelope) : undefined));
  const isBatch = plan.batch || plan.paths.length > 1;
  const payload =
    plan.raw !== undefined ? rawText(plan.raw) : isBatch ? batchText(texts, plan.keyOffset ?? 0) : texts[0];
  const url = new URL(`${ORIGIN}/api/trpc/${plan.paths.join(",")}`);
  if (isBatch) url.searchParams.set("batch", "1");
  const all = { ...headers, accept: "application/json, text/event-stream" };
  if (plan.method === "GET") {
    // Appended by hand: URLSearchParams would re-encode the broken escapes of `rawQuery`.
    const query = plan.rawQuery ?? (payload === undefined ? "" : `input=${encodeURIComponent(wellFormed(payload))}`);
    const href = query ? `${url.href}${url.search ? "&" : "?"}${query}` : url.href;
    return new Request(href, { headers: all, signal });
  }
  return new Request(url, {
    method: "POST",
    headers: { ...all, ...(plan.contentType === "" ? {} : { "content-type": plan.contentType ?? "application/json" }) },
    body: payload ?? "",
    signal,
  });
}

/** Lone surrogates as U+FFFD, which is what a browser puts in a URL for them (brokenQuery sends the raw bytes). */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function readError(element: unknown): CallError | undefined {
  const error = (element as { error?: unknown } | null)?.error;
  if (error === undefined) return undefined;
  // With the superjson transformer the shape sits under `json`.
  const shape = ((error as { json?: unknown }).json ?? error) as Record<string, unknown>;
  const data = (shape.data ?? {}) as Record<string, unknown>;
  return {
    message: shape.message,
    code: data.code ?? shape.code,
    httpStatus: data.httpStatus,
    fieldErrors: data.fieldErrors,
    text: JSON.stringify(error).slice(0, 2_000),
  };
}

async function readEvents(
  res: Response,
  controller: AbortController,
): Promise<{ events: SseEvent[]; streamError?: string }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + SSE_WAIT_MS;
  try {
    while (events.length < 2 && Date.now() < deadline) {
      const timeout = new Promise<"timeout">((resolve) => setTimeout(resolve, deadline - Date.now(), "timeout"));
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === "timeout" || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const event = parseEvent(buffer.slice(0, end));
        if (event && event.event !== "ping") events.push(event);
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (error) {
    return { events, streamError: error instanceof Error ? error.message : String(error) };
  } finally {
    controller.abort();
    await reader.cancel().catch(() => {});
  }
  return { events };
}

/** Sends the plan through the route handler and reads the answer. */
export async function send(
  handler: (req: Request) => Promise<Response>,
  plan: Plan,
  headers: Record<string, string>,
): Promise<Outcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`));
    }, ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([answer(handler, plan, headers, controller), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(
  handler: (req: Request) => Promise<Response>,
  plan: Plan,
  headers: Record<string, string>,
  controller: AbortController,
): Promise<Outcome> {
  const res = await handler(buildRequest(plan, headers, controller.signal));
  if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    const { events, streamError } = await readEvents(res, controller);
    const errors = events
      .filter((e) => e.event === "serialized-error" || e.event === "error")
      .map((e) => readError({ error: safeJson(e.data) ?? { message: e.data } }) as CallError);
    const outcome: Outcome = { status: res.status, errors, successes: events.length - errors.length, events };
    return streamError === undefined ? outcome : { ...outcome, streamError };
  }
  const text = await res.text();
  const body = safeJson(text);
  if (body === undefined) return { status: res.status, errors: [], successes: 0, unreadable: text.slice(0, 300) };
  const elements = Array.isArray(body) ? body : [body];
  const errors = elements.map(readError).filter((e): e is CallError => e !== undefined);
  return { status: res.status, errors, successes: elements.length - errors.length };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
