/**
 * The server's stderr during a soak, read rather than shown: an outage makes it log an error per failed request, which
 * would bury the bench's own output. Messages (lines that do not start with white space: a stack frame or an object
 * dump continues the message above it) are counted by their first words, and uncaught exceptions (which Next logs as
 * `uncaughtException` / `unhandledRejection` and survives, by luck) on their own; optionally all of it goes to a file.
 */
import { createWriteStream, type WriteStream } from "node:fs";

/** How much of a message's start tells one kind of message from another. */
const KIND_CHARS = 70;

export class ServerLog {
  lines = 0;
  uncaught = 0;
  /** First words of each kind of message -> how many, in the order first seen. */
  readonly kinds = new Map<string, number>();
  /** The last few KiB as written, for a server that would not start. */
  tail = "";
  private partial = "";
  private readonly file: WriteStream | undefined;

  constructor(path?: string) {
    this.file = path ? createWriteStream(path) : undefined;
  }

  feed(text: string): void {
    this.file?.write(text);
    this.tail = (this.tail + text).slice(-4_096);
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      this.lines++;
      if (/uncaughtException|unhandledRejection/i.test(line)) this.uncaught++;
      if (/^[\s}\]]/.test(line) || /^params:/.test(line)) continue;
      // Numbers (ids, ports, delays) vary between messages of one kind.
      const kind = line.slice(0, KIND_CHARS).replace(/\d+/g, "N").trimEnd();
      this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    }
  }

  /** The kinds of message, most frequent first, at most `n`. */
  summary(n = 8): string[] {
    return [...this.kinds]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([kind, count]) => `${String(count).padStart(5)} × ${kind}${kind.length >= KIND_CHARS ? "…" : ""}`);
  }

  close(): Promise<void> {
    const file = this.file;
    return file ? new Promise((resolve) => file.end(resolve)) : Promise.resolve();
  }
}
