/**
 * What the logs must never hold, removed on three levels: pino's redaction of known field names (a header, a form, a
 * config object logged whole), an error serializer that keeps only an error's own story (type, message, stack, code,
 * causes) and never the query parameters or request objects libraries hang on it, and a last scrub of the written
 * line for token shapes, wherever they ended up (an error message quoting a header, say).
 */

/** Field names whose values are secrets wherever they appear, at the top or one level down. */
const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "csrfToken",
  "secret",
  "clientSecret",
  "code",
  "otp",
  "cookie",
  "cookies",
  "authorization",
  "set-cookie",
  "body",
];

/** pino `redact.paths`: each key at the top, one level down, and in a logged request's or response's headers. */
/** For lines built only from chosen, flat fields (the request lines): a secret's name at the top is enough. */
export const TOP_LEVEL_REDACT_PATHS = SECRET_KEYS.map((key) => `["${key}"]`);

export const REDACT_PATHS = [
  ...SECRET_KEYS.map((key) => `["${key}"]`),
  ...SECRET_KEYS.map((key) => `*["${key}"]`),
  ...["req", "request", "res", "response"].flatMap((holder) =>
    ["authorization", "cookie", "set-cookie"].map((header) => `${holder}.headers["${header}"]`),
  ),
];

export const CENSOR = "[redacted]";

/** Secrets with a recognisable shape: API tokens, bearer credentials, session cookies, reset and sign-in links. */
const SHAPES: [RegExp, string][] = [
  [/atr_[A-Za-z0-9_-]{4,}/g, `atr_${CENSOR}`],
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${CENSOR}`],
  [/((?:__Secure-|__Host-)?authjs\.[a-z-]+(?:\.\d+)?=)[^;\s"\\]+/g, `$1${CENSOR}`],
  [/([?&](?:token|code|secret|password)=)[^&\s"\\]+/gi, `$1${CENSOR}`],
];

/** The written line with every secret of a known shape replaced (pino's `hooks.streamWrite`). */
export function scrubSecrets(line: string): string {
  let out = line;
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  /** The error's `code` (a PostgreSQL SQLSTATE, ECONNREFUSED); not named `code`, which is redacted as a secret. */
  errorCode?: string;
  cause?: SerializedError;
}

/** Drizzle's failed-query message ends with the statement's parameters: values a user sent, a hash, a code. */
function withoutParameters(message: string): string {
  const at = message.indexOf("\nparams:");
  return at < 0 ? message : `${message.slice(0, at)}\nparams: ${CENSOR}`;
}

/** A stack whose message had parameters: those lines go, the frames (`    at ...`) stay. */
function stackWithoutParameters(stack: string): string {
  return stack.replace(/\nparams:[\s\S]*?(?=\n\s+at |$)/, `\nparams: ${CENSOR}`);
}

/**
 * An error as the log keeps it: its type, message, stack and code, and its causes (three deep). Nothing else of it:
 * libraries attach requests, queries with parameters and configuration to their errors.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: withoutParameters(String(error)).slice(0, 2_000) };
  const code = (error as { code?: unknown }).code;
  const cause = depth < 3 && error.cause !== undefined ? serializeError(error.cause, depth + 1) : undefined;
  return {
    type: error.name,
    message: withoutParameters(error.message).slice(0, 2_000),
    ...(error.stack ? { stack: stackWithoutParameters(error.stack) } : {}),
    ...(typeof code === "string" || typeof code === "number" ? { errorCode: String(code) } : {}),
    ...(cause ? { cause } : {}),
  };
}

/** An error's message for a request log row or a client-free summary: one bounded line, no parameters. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return scrubSecrets(withoutParameters(message)).slice(0, 1_000);
}
