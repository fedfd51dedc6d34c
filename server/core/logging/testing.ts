/** For tests: the process's log lines captured in memory, as JSON, instead of written to stdout. */
import { createLogger, type LoggerSettings, replaceLogger } from "./logger";

export interface CapturedLogs {
  /** Everything written, as written (after redaction and the scrub). */
  text(): string;
  /** Every line, parsed. */
  entries(): Record<string, unknown>[];
  clear(): void;
  /** Puts the previous logger back. */
  restore(): void;
}

export function captureLogs(level: LoggerSettings["level"] = "trace"): CapturedLogs {
  const lines: string[] = [];
  const restore = replaceLogger(
    createLogger({ level, format: "json", destination: { write: (line) => lines.push(line) } }),
  );
  return {
    text: () => lines.join(""),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      lines.length = 0;
    },
    restore,
  };
}
