/**
 * The server's one logger (docs/operations-logs.md): pino, JSON lines in production and tests, coloured lines under
 * `next dev`, at LOG_LEVEL. Code logs through an area's child, `logger("jobs").info(...)`, so a line says where it
 * came from; a line written while a request runs carries its `requestId`.
 *
 * In the engine (server/core) because the engine logs too, and it depends on nothing above it: this module needs only
 * pino, env.ts and the request scope. pino-pretty runs in this thread as a plain stream: pino's worker-thread transports resolve files at
 * run time that Next's bundles do not have.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";
import { type LoggingEnv, loggingFromEnv } from "@/env";
import { CENSOR, REDACT_PATHS, scrubSecrets, serializeError, TOP_LEVEL_REDACT_PATHS } from "./redact";
import { currentRequest } from "./request-scope";

export type { Logger } from "pino";

export interface LoggerSettings {
  level: LoggingEnv["LOG_LEVEL"];
  format: LoggingEnv["LOG_FORMAT"];
  /** Where lines go instead of stdout (tests capture them here). */
  destination?: DestinationStream;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { err: serializeError },
    mixin: () => {
      const scope = currentRequest();
      return scope ? { requestId: scope.requestId } : {};
    },
    hooks: { streamWrite: scrubSecrets },
    // Level names in JSON read better in a log store than pino's numbers; pino-pretty wants the numbers.
    ...(settings.format === "json" ? { formatters: { level: (label: string) => ({ level: label }) } } : {}),
  };
  const destination =
    settings.destination ??
    (settings.format === "pretty"
      ? pretty({
          colorize: true,
          sync: true,
          singleLine: true,
          ignore: "pid,hostname",
          translateTime: "SYS:HH:MM:ss.l",
        })
      : pino.destination({ dest: 1, sync: true }));
  return pino(options, destination);
}

/** The settings from the environment; a bad LOG_LEVEL is reported by the boot check, and logging goes on at info. */
function settingsFromEnv(): LoggerSettings {
  try {
    const { LOG_LEVEL, LOG_FORMAT } = loggingFromEnv();
    return { level: LOG_LEVEL, format: LOG_FORMAT };
  } catch {
    return { level: "info", format: "json" };
  }
}

interface LoggerState {
  root: Logger;
  areas: Map<string, Logger>;
  flat?: Map<string, Logger>;
}

// On globalThis: one logger per process, however many route bundles Next evaluates this module in.
const state = globalThis as unknown as { atriumLogger?: LoggerState };

function current(): LoggerState {
  state.atriumLogger ??= { root: createLogger(settingsFromEnv()), areas: new Map() };
  return state.atriumLogger;
}

/** The process's logger, or an area's child of it (`logger("jobs")`), made once per area. */
export function logger(area?: string): Logger {
  const { root, areas } = current();
  if (area === undefined) return root;
  let child = areas.get(area);
  if (!child) {
    child = root.child({ area });
    areas.set(area, child);
  }
  return child;
}

/**
 * An area's child for lines built only from chosen, flat fields (one per request): its redaction looks at the top
 * level only. The wildcard paths of the others (a secret's name one level down) cost about 25 µs a line, more than
 * the rest of a request line (`npm run bench:page-log`); the scrub of secret shapes still runs on every line.
 */
export function flatLogger(area: string): Logger {
  const loggers = current();
  loggers.flat ??= new Map();
  let child = loggers.flat.get(area);
  if (!child) {
    child = logger(area).child({}, { redact: { paths: TOP_LEVEL_REDACT_PATHS, censor: CENSOR } });
    loggers.flat.set(area, child);
  }
  return child;
}

/** Replaces the process's logger (tests capture output this way); returns what puts the previous one back. */
export function replaceLogger(root: Logger): () => void {
  const previous = state.atriumLogger;
  state.atriumLogger = { root, areas: new Map() };
  return () => {
    state.atriumLogger = previous;
  };
}
