/**
 * The logger's redaction, without a database: whatever secret a caller hands it under a secret's name, in a header,
 * in an error message or on an error, the written text does not hold it; errors keep their stack; lines written in a
 * request scope carry its id; LOG_LEVEL is honoured.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loggingFromEnv } from "@/env";
import { createLogger } from "./logger";
import { scrubSecrets, serializeError } from "./redact";
import { runInRequestScope } from "./request-scope";

function capture(level: Parameters<typeof createLogger>[0]["level"] = "trace") {
  const lines: string[] = [];
  const log = createLogger({ level, format: "json", destination: { write: (line) => lines.push(line) } });
  return { log, text: () => lines.join(""), lines };
}

/** Secrets long enough not to appear in a log line by chance. */
const secret = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_-"),
  minLength: 16,
  maxLength: 48,
});

describe("redaction", () => {
  it("never writes a value held under a secret's name, at the top, one level down, or in request headers", () => {
    fc.assert(
      fc.property(
        secret,
        fc.constantFrom("password", "token", "secret", "code", "cookie", "authorization", "csrfToken"),
        (value, key) => {
          const { log, text } = capture();
          log.info({ [key]: value }, "top");
          log.info({ form: { [key]: value } }, "nested");
          log.info({ req: { headers: { authorization: `Bearer ${value}`, cookie: `a=${value}` } } }, "request");
          expect(text()).not.toContain(value);
          expect(text()).toContain("[redacted]");
        },
      ),
      { numRuns: 50 },
    );
  });

  it("scrubs token shapes from any text: API tokens, bearer credentials, session cookies, link tokens", () => {
    fc.assert(
      fc.property(secret, (value) => {
        const { log, text } = capture();
        log.warn(`token atr_${value} refused`);
        log.warn(`header Authorization: Bearer ${value}.x`);
        log.warn(`cookie authjs.session-token=${value}; other=1`);
        log.error(new Error(`fetch /reset-password?token=${value}&x=1 failed`));
        expect(text()).not.toContain(value);
      }),
      { numRuns: 50 },
    );
    expect(scrubSecrets("__Secure-authjs.session-token=abc.def")).toBe("__Secure-authjs.session-token=[redacted]");
  });

  it("keeps an error's type, message, stack, code and causes, and drops a failed query's parameters", () => {
    const cause = Object.assign(new Error("duplicate key"), { code: "23505", detail: "Key (email)=(a@b.c)" });
    const error = new Error('Failed query: insert into "users" values ($1, $2)\nparams: max@example.com,hunter2', {
      cause,
    });
    const serialized = serializeError(error);
    expect(serialized.message).toBe('Failed query: insert into "users" values ($1, $2)\nparams: [redacted]');
    expect(serialized.stack).not.toContain("hunter2");
    expect(serialized.cause).toMatchObject({ type: "Error", message: "duplicate key", errorCode: "23505" });
    expect(JSON.stringify(serialized)).not.toContain("a@b.c");

    const { log, text } = capture();
    log.error({ err: error }, "insert failed");
    const line = JSON.parse(text()) as { err: { stack: string }; level: string };
    expect(line.level).toBe("error");
    expect(line.err.stack).toContain("logger.test.ts");
    expect(text()).not.toContain("hunter2");
  });
});

describe("lines", () => {
  it("carry the request id of the scope they are written in, and none outside", () => {
    const { log, lines } = capture();
    runInRequestScope({ requestId: "req-42", actorId: null, failure: null }, () => log.info("inside"));
    log.info("outside");
    expect(lines.map((line) => JSON.parse(line).requestId)).toEqual(["req-42", undefined]);
  });

  it("below LOG_LEVEL are not written, and silent writes nothing", () => {
    const warn = capture("warn");
    warn.log.info("quiet");
    warn.log.warn("loud");
    expect(warn.lines).toHaveLength(1);
    const silent = capture("silent");
    silent.log.fatal("nothing");
    expect(silent.lines).toHaveLength(0);
  });

  it("LOG_* settings are validated, with defaults", () => {
    const saved = { ...process.env };
    try {
      for (const key of ["LOG_LEVEL", "LOG_FORMAT", "LOG_REQUESTS_SAMPLE", "LOG_RETENTION_DAYS"])
        delete process.env[key];
      expect(loggingFromEnv()).toMatchObject({
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        LOG_REQUESTS_SAMPLE: 1,
        LOG_RETENTION_DAYS: 7,
      });
      process.env.LOG_REQUESTS_SAMPLE = "1.5";
      expect(() => loggingFromEnv()).toThrow(/LOG_REQUESTS_SAMPLE/);
      process.env.LOG_REQUESTS_SAMPLE = "0.25";
      process.env.LOG_LEVEL = "loud";
      expect(() => loggingFromEnv()).toThrow(/LOG_LEVEL/);
    } finally {
      process.env = saved;
    }
  });
});
