/**
 * Tells browsers how soon to reconnect a live stream. EventSource waits its default (3 s in Chromium) before it
 * reconnects after a stream ends, and every stream ends after `LIVE_SSE.maxDurationMs`: without this, each client
 * would go deaf for 3 s every 5 minutes (its missed events arrive on reconnect, late). tRPC's SSE producer has no
 * option for the `retry:` field, so it is prepended to the response body here, once, before tRPC's first event.
 */
import { LIVE_RETRY_FIELD } from "./config";

const PREFIX = new TextEncoder().encode(LIVE_RETRY_FIELD);

/** The response unchanged unless it is an event stream; then the same stream, headers and status after `retry:`. */
export function withReconnectDelay(response: Response): Response {
  const body = response.body;
  if (!body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
  const reader = body.getReader();
  let sentPrefix = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentPrefix) {
        sentPrefix = true;
        controller.enqueue(PREFIX);
        return;
      }
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    // The browser went away: let tRPC end the subscription (and free its listener slot) at once.
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}
