/**
 * The API's wire format: superjson, behind a guard that reads the raw JSON envelope before superjson does.
 *
 * Why a guard in front of the transformer: some hostile inputs are lost or turned into internal errors before any
 * schema sees them. superjson silently drops an own `__proto__` key (so it would be ignored while every other
 * unknown key is refused) and cannot serialize `constructor` or `prototype` keys back out, recurses without bound on a malformed `meta` ("Maximum call stack size exceeded"), and
 * PostgreSQL refuses a NUL byte in text with an error the engine could only report as a 500. Every transport (tRPC
 * over HTTP, the direct SSE writer) decodes input through `decodeInput`, so each of these is a 400 naming the field,
 * decided before any SQL.
 */
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { FieldError, FieldErrorCollector, labelOf, PROTOTYPE_KEYS, summarizeFieldErrors } from "./errors";
import { serializeOutput } from "./wire-output";

/** Deeper than any input the engine accepts (a filter nests 6 levels, each two JSON levels) with room to spare. */
export const MAX_INPUT_DEPTH = 32;

/** Values per input: with the 1 MiB body limit this only bites on tiny values (`[0,0,0,...]`), which no API needs. */
export const MAX_INPUT_NODES = 100_000;

// A NUL, or a UTF-16 surrogate without its pair: neither can be stored as PostgreSQL text (UTF-8).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is exactly what this looks for.
const BAD_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store this string as text: no NUL, no unpaired surrogate. For schemas outside the API. */
export function isStorableText(value: string): boolean {
  return !BAD_CHARACTER.test(value);
}

function stringProblem(value: string): string | undefined {
  const bad = BAD_CHARACTER.exec(value);
  if (!bad) return undefined;
  return bad[0] === "\u0000" ? "must not contain NUL characters" : "contains invalid Unicode (an unpaired surrogate)";
}

/**
 * Field errors for what no schema can be trusted to catch in this raw JSON value, or undefined when there is none.
 * Paths are reported as the schemas would (`data.title` as `title`).
 */
export function inspectInput(value: unknown): FieldErrorCollector | undefined {
  const envelope = isDataEnvelope(value);
  const errors = new FieldErrorCollector(envelope);
  let nodes = 0;
  const visit = (node: unknown, path: PropertyKey[]): void => {
    if (errors.size >= 20) return; // enough to say what is wrong; keep the work bounded
    if (++nodes > MAX_INPUT_NODES) {
      if (nodes === MAX_INPUT_NODES + 1) errors.add([], `The input has more than ${MAX_INPUT_NODES} values`);
      return;
    }
    if (typeof node === "string") {
      const problem = stringProblem(node);
      if (problem) errors.add(path, `${labelOf(path, { envelope })} ${problem}`);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    if (path.length >= MAX_INPUT_DEPTH) {
      errors.add(path, `${labelOf(path, { envelope })} is nested deeper than ${MAX_INPUT_DEPTH} levels`);
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node[i], [...path, i]);
      return;
    }
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) {
        errors.add([...path, key], `${key} cannot be used as a key`);
        continue;
      }
      const keyProblem = stringProblem(key);
      if (keyProblem) {
        errors.add(path, `A key ${keyProblem}`);
        continue;
      }
      visit((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  visit(value, []);
  return errors.size > 0 ? errors : undefined;
}

/**
 * Whether this raw input is an update's `{ id, data }` or `{ ids, data }`, whose fields sit under `data`. Decoding
 * runs before the procedure is known, so the shape decides; a create whose resource has columns named both `id`
 * and `data` would have its NUL or depth errors inside `data` named by the nested key, still on a 400.
 */
function isDataEnvelope(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.hasOwn(value, "data") && (Object.hasOwn(value, "id") || Object.hasOwn(value, "ids"));
}

function badRequest(message: string, errors: FieldErrorCollector | undefined): TRPCError {
  const fieldErrors = errors?.toObject() ?? { _form: [message] };
  const text = errors ? summarizeFieldErrors(fieldErrors) : message;
  return new TRPCError({ code: "BAD_REQUEST", message: text, cause: new FieldError(text, fieldErrors) });
}

/** Whether an envelope looks like superjson's `{ json, meta? }` (meta: an object, if present). */
function envelopeProblem(envelope: unknown): string | undefined {
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    return "The input must be a superjson envelope: an object with a json field";
  }
  const meta = (envelope as { meta?: unknown }).meta;
  if (meta !== undefined && (typeof meta !== "object" || meta === null || Array.isArray(meta))) {
    return "The input's superjson meta must be an object";
  }
  return undefined;
}

/**
 * Decodes one call's input: the raw JSON (as parsed from the body or `?input=`) checked, then deserialized by
 * superjson. Throws a BAD_REQUEST TRPCError with field errors, never superjson's or PostgreSQL's own text.
 */
export function decodeInput(envelope: unknown): unknown {
  const shape = envelopeProblem(envelope);
  if (shape) throw badRequest(shape, undefined);
  const { json, meta } = envelope as { json?: unknown; meta?: unknown };
  const found = inspectInput(json);
  if (found) throw badRequest("The input is invalid", found);
  if (meta !== undefined && inspectInput(meta)) throw badRequest("The input's superjson meta is malformed", undefined);
  try {
    return superjson.deserialize(envelope as Parameters<typeof superjson.deserialize>[0]);
  } catch {
    // Unknown custom types, bad paths, runaway recursion: superjson's own words are not for clients.
    throw badRequest("The input's superjson meta is malformed", undefined);
  }
}

/** superjson with a guarded input side: the transformer handed to initTRPC. */
export const wireTransformer = {
  input: { serialize: (value: unknown) => superjson.serialize(value), deserialize: decodeInput },
  // The same output as superjson's, written faster for plain data (wire-output.ts).
  output: {
    serialize: serializeOutput,
    deserialize: (value: unknown) => superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]),
  },
};
