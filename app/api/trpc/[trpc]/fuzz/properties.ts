/**
 * What must hold for every answer, whatever was sent: no 5xx; every refusal carries a short human message with no
 * SQL, stack or internal text, and field errors (when there are any) keyed by field. Returns the violations, so one
 * failing run reports all of them at once.
 */
import type { CallError, Outcome } from "./http";

const MAX_MESSAGE = 200;

/** Text that must never reach a client, with what it betrays. */
const LEAKS: [RegExp, string][] = [
  [/\bselect\s[\s\S]*\bfrom\b/i, "SQL"],
  [/\binsert into\b|\bdelete from\b|\bupdate\s+"?\w+"?\s+set\b/i, "SQL"],
  [/syntax error|invalid input syntax|invalid byte sequence|duplicate key|violates .*constraint/i, "a database error"],
  [/\b(?:relation|column) "[^"]*" (?:does not exist|of relation)/, "a database error"],
  [/postgres|drizzle|\bSQLSTATE\b/i, "the database layer"],
  // A code with a letter (22P02, 42P01, 0A000) is one on its own. An all-digit one (23505) is also an ordinary
  // number the caller sent back ("version 22000 not found"), so it counts only where it is labelled as a code.
  [/\b(?=[0-9]*[A-Z])(?:08|0A|22|23|25|28|40|42|53|54|55|57|58|XX)[0-9A-Z]{3}\b/, "a PostgreSQL error code"],
  [/\b(?:code|error|state)\W{0,3}(?:08|22|23|25|28|40|42|53|54|55|57|58)\d{3}\b/i, "a PostgreSQL error code"],
  [/\n\s+at |^\s{2,}at |\bat [\w$.<>]+ \(.*:\d+:\d+\)/m, "a stack trace"],
  [/node_modules|\.[cm]?[jt]sx?:\d+/, "a source path"],
  [/Maximum call stack/i, "a stack overflow"],
  [/\b(?:Type|Range|Syntax|Reference|Eval|URI|Internal)Error\b/, "a JavaScript error name"],
  [/Cannot (?:read|set|convert|access)|is not a function|is not iterable|is not defined/i, "a JavaScript error"],
  [/\bundefined\b|\[object \w+\]|\bNaN\b/, "an unformatted value"],
  [/Unexpected (?:token|end of JSON)|in JSON at position|" is not valid JSON/, "a JSON parser error"],
  [/"code"\s*:|\[\s*\{|"path"\s*:/, "a JSON dump of validation issues"],
];

/**
 * `sent`: the strings the caller sent. A message may quote one back (`posts has no relation "undefined"`): the
 * caller's own words in quotes betray nothing, so they are left out before looking for leaks. Unquoted, or quoted
 * but not sent, the same text still counts.
 */
export function messageProblems(message: unknown, where: string, sent: ReadonlySet<string> = new Set()): string[] {
  if (typeof message !== "string" || message.trim() === "") return [`${where}: no message (${String(message)})`];
  const out: string[] = [];
  if (message.length > MAX_MESSAGE) out.push(`${where}: message of ${message.length} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(message)) out.push(`${where}: control character or newline in message`);
  const own = message.replace(/"([^"]*)"/g, (quoted, inner: string) => (sent.has(inner) ? '""' : quoted));
  for (const [pattern, what] of LEAKS) if (pattern.test(own)) out.push(`${where}: ${what} in message`);
  return out.map((p) => `${p}: ${JSON.stringify(message.slice(0, 300))}`);
}

function errorProblems(error: CallError, where: string, sent: ReadonlySet<string>): string[] {
  const out = messageProblems(error.message, where, sent);
  if (typeof error.httpStatus === "number" && error.httpStatus >= 500)
    out.push(`${where}: httpStatus ${error.httpStatus}`);
  if (error.code === "INTERNAL_SERVER_ERROR") out.push(`${where}: code INTERNAL_SERVER_ERROR`);
  if (/"stack"\s*:/.test(error.text)) out.push(`${where}: a stack field in the error`);
  const fields = error.fieldErrors;
  if (fields !== null && fields !== undefined) {
    if (typeof fields !== "object" || Array.isArray(fields)) out.push(`${where}: fieldErrors is not an object`);
    else {
      for (const [key, messages] of Object.entries(fields)) {
        if (key === "" || key.length > MAX_MESSAGE)
          out.push(`${where}: fieldErrors key ${JSON.stringify(key.slice(0, 80))}`);
        if (!Array.isArray(messages) || messages.length === 0) out.push(`${where}: fieldErrors.${key} has no messages`);
        else for (const m of messages) out.push(...messageProblems(m, `${where} fieldErrors.${key}`, sent));
      }
    }
  }
  return out;
}

/** Every string in a value the caller sent (object keys too), for `messageProblems`. */
export function sentStrings(value: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (value && typeof value === "object" && depth < 32) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      sentStrings(item, into, depth + 1);
    }
  }
  return into;
}

/** Every violation in one answer; `sent` as for `messageProblems`. */
export function outcomeProblems(outcome: Outcome, sent: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if (outcome.status >= 500) out.push(`status ${outcome.status}`);
  if (outcome.status >= 400 && outcome.errors.length === 0) {
    out.push(`status ${outcome.status} without a tRPC error: ${outcome.unreadable ?? "(no error element)"}`);
  }
  outcome.errors.forEach((error, i) => {
    out.push(...errorProblems(error, outcome.errors.length > 1 ? `error ${i}` : "error", sent));
  });
  if (outcome.streamError !== undefined) out.push(`the stream broke: ${outcome.streamError.slice(0, 200)}`);
  // A live stream must refuse bad input before it opens (4xx), not as its first event.
  if (outcome.events && outcome.errors.length > 0) out.push("an error event on a 200 stream instead of a 4xx");
  return out;
}

/** Refused: nothing in the answer succeeded. */
export function refused(outcome: Outcome): boolean {
  return outcome.status >= 400 || (outcome.successes === 0 && outcome.errors.length > 0);
}
