/**
 * The request log of this process: one writer (request-log-writer.ts) subscribed to every finished request, started
 * at boot by instrumentation.ts. On globalThis, so the route bundles Next evaluates separately share it.
 */
import { type Database, getDb } from "@/db/client";
import { loggingFromEnv } from "@/env";
import { logger } from "@/server/core/logging/logger";
import { onRequestFinished } from "@/server/ops/request-events";
import { RequestLogWriter } from "./request-log-writer";

interface RequestLogState {
  writer: RequestLogWriter;
  unsubscribe: () => void;
}

const state = globalThis as unknown as { atriumRequestLog?: RequestLogState };

/** Starts keeping finished requests (once per process; later calls return the running writer). */
export function startRequestLog(db: () => Database = getDb): RequestLogWriter {
  if (state.atriumRequestLog) return state.atriumRequestLog.writer;
  const { LOG_REQUESTS_SAMPLE, LOG_REQUESTS_BUFFER } = loggingFromEnv();
  const writer = new RequestLogWriter({ db, sample: LOG_REQUESTS_SAMPLE, capacity: LOG_REQUESTS_BUFFER }).start();
  const unsubscribe = onRequestFinished((request) => writer.accept(request));
  state.atriumRequestLog = { writer, unsubscribe };
  return writer;
}

/** Stops listening and writes what waits (bounded by `timeoutMs`). */
export async function stopRequestLog(timeoutMs?: number): Promise<void> {
  const running = state.atriumRequestLog;
  if (!running) return;
  state.atriumRequestLog = undefined;
  running.unsubscribe();
  await running.writer.stop(timeoutMs);
}

/**
 * On SIGTERM or SIGINT, holds the process's exit until the waiting rows are written (3 s at most), the way
 * server/jobs/start.ts holds it for running jobs: Next calls process.exit once its HTTP server has closed.
 */
export function flushRequestLogBeforeExit(): void {
  let flushing: Promise<void> | undefined;
  const onSignal = () => {
    if (flushing) return;
    flushing = stopRequestLog(3_000).catch((error: unknown) =>
      logger("request-log").error({ err: error }, "flushing the request log at exit failed"),
    );
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      void flushing?.finally(() => exit(code ?? undefined));
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
