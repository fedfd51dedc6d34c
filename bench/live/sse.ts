/** A minimal `text/event-stream` reader for node:http responses: fed text chunks, calls back once per event. */
export interface SseEvent {
  /** The `id:` field (a live event id), when the event has one. */
  id?: string;
  event: string;
  data: string;
}

export class SseReader {
  private buffer = "";

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.onEvent(parseBlock(block));
      end = this.buffer.indexOf("\n\n");
    }
  }
}

function parseBlock(block: string): SseEvent {
  const out: SseEvent = { event: "message", data: "" };
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue; // a comment (keep-alive)
    const at = line.indexOf(":");
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
    if (field === "id") out.id = value;
    else if (field === "event") out.event = value;
    else if (field === "data") out.data += out.data ? `\n${value}` : value;
  }
  return out;
}
