/**
 * The engine's client errors: field messages keyed by dotted path, and the one-sentence summary a client shows.
 * Owned here (not in server/trpc.ts) so the engine depends on nothing above it.
 */
import type { ZodError } from "zod";
import { humanize } from "./fields";

/** Field errors keyed by dotted path, the shape forms consume: `{ title: ["Too short"] }`. */
export type FieldErrors = Record<string, string[]>;

/** A typed error that carries per-field messages, for failures that are not zod's (e.g. a unique slug). */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(message);
    this.name = "FieldError";
  }
}

/** A resource's field labels by key, as its definition (or `humanize`) names them: `{ amount: "Budget" }`. */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * How an input's paths read as field keys. `envelope`: the input carries the record's fields under `data`, as
 * `update({ id, data })` and `updateMany({ ids, data })` do, so `data` is dropped from its paths; anywhere else
 * `data` is a field name like any other (a create of a resource with a `data` column reports on "data").
 */
export interface InputWording {
  envelope?: boolean;
  labels?: FieldLabels;
}

/**
 * The key a path reports under: `update({ id, data: { title } })` reports "title", like create and like the
 * database-derived errors do; batch items keep their index ("items.3.title"). An empty path is the whole form.
 */
export function fieldKey(path: readonly PropertyKey[], envelope = false): string {
  const relative = envelope && path[0] === "data" ? path.slice(1) : path;
  const key = relative.length > 0 ? relative.map(String).join(".") : "_form";
  // superjson refuses to serialize an object with these keys, and a key that is no field name (empty, control
  // characters, punctuation: whatever a caller made up) is not echoed back: such a message goes to the whole form.
  return PROTOTYPE_KEYS.has(key) || !relative.every(isFieldName) ? "_form" : key;
}

/**
 * Keys superjson drops (`__proto__`) on the way in and refuses to serialize (all three) on the way out: never a field
 * name in a message, and refused in any input (wire.ts).
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Collects messages per key. A Map, not an object: keys come from the caller's input, and `constructor` or
 * `__proto__` must be a field name like any other, never a property of Object.prototype.
 */
export class FieldErrorCollector {
  private readonly byKey = new Map<string, string[]>();

  constructor(private readonly envelope = false) {}

  add(path: readonly PropertyKey[], message: string): void {
    const key = clip(fieldKey(path, this.envelope));
    message = clip(message);
    const list = this.byKey.get(key);
    if (list) list.push(message);
    else this.byKey.set(key, [message]);
  }

  get size(): number {
    return this.byKey.size;
  }

  toObject(): FieldErrors {
    // defineProperty semantics (fromEntries), so a "__proto__" key is an own property, not a prototype change.
    return Object.fromEntries(this.byKey);
  }
}

export function zodFieldErrors(error: ZodError, wording: InputWording = {}): FieldErrors {
  const out = new FieldErrorCollector(wording.envelope);
  for (const issue of error.issues) {
    // A field the caller may not set is reported on that field, not as an anonymous form error; a key that is no
    // field name (empty, control characters, punctuation) is reported on its parent without echoing it.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        // A field of the resource by its label ("Author cannot be set here"); a key it does not have, as sent.
        const name = wording.labels && Object.hasOwn(wording.labels, key) ? wording.labels[key] : key;
        if (isFieldName(key)) out.add([...issue.path, key], `${name} cannot be set here`);
        else out.add(issue.path, "A field with an unusable name cannot be set here");
      }
    } else out.add(issue.path, humanMessage(issue, wording));
  }
  return out.toObject();
}

type Issue = ZodError["issues"][number];

/**
 * zod's own wording for a value of the wrong type ("Invalid input: expected object, received undefined") says
 * `undefined` to people who sent nothing: say what is missing or expected instead. Messages a schema set itself
 * (the definition's rules) are kept as they are.
 */
function humanMessage(issue: Issue, wording: InputWording): string {
  if (issue.code !== "invalid_type" || !issue.message.startsWith("Invalid input")) return issue.message;
  const label = labelOf(issue.path, wording);
  if (/received undefined$/.test(issue.message)) return `${label} is required`;
  return `${label} must be ${EXPECTED[issue.expected] ?? `of type ${issue.expected}`}`;
}

const EXPECTED: Record<string, string> = {
  object: "an object",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  date: "a date",
  bigint: "a whole number",
  null: "null",
};

/**
 * The label a field has when its definition gives none, as `meta` shows it (`humanize`): `authorId` -> "Author";
 * SQL's snake case too, since PostgreSQL reports columns by their SQL names (`author_id` -> "Author").
 */
export function humanizeKey(key: string): string {
  return humanize(key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
}

/**
 * How a message names the field at this path: "The input" for the whole input, a field by its label (the
 * definition's when known, else the humanized key), a nested path as written.
 */
export function labelOf(path: readonly PropertyKey[], wording: InputWording = {}): string {
  const key = fieldKey(path, wording.envelope);
  if (key === "_form") return "The input";
  return key.includes(".") ? key : labelFor(key, wording.labels);
}

function labelFor(key: string, labels: FieldLabels | undefined): string {
  return (labels && Object.hasOwn(labels, key) ? labels[key] : undefined) ?? humanizeKey(key);
}

/** A name a field could have (an identifier, as column and relation names are) or a list index. */
const FIELD_NAME = /^(?:[A-Za-z_$][\w$-]{0,99}|\d{1,9})$/;

function isFieldName(segment: PropertyKey): boolean {
  return typeof segment === "number" || (typeof segment === "string" && FIELD_NAME.test(segment));
}

const MAX_MESSAGE = 200;

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/**
 * One human sentence for a set of field errors: the message itself when one field is wrong ("Title must be at least
 * 5 characters", prefixed with the field's label when the message does not say which), else how many fields are.
 */
export function summarizeFieldErrors(errors: FieldErrors, labels?: FieldLabels): string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return "The input is invalid.";
  if (entries.length > 1) return `${entries.length} fields are invalid.`;
  const [key, messages] = entries[0] as [string, string[]];
  const first = messages[0] ?? "is invalid";
  const label = key.includes(".") ? key : labelFor(key, labels);
  const sentence = key === "_form" || mentionsField(first, key, label) ? first : `${label}: ${first}`;
  return clip(sentence);
}

/** Whether a message already names its field ("Title must…" for "title", "Budget is…" for "amount" labelled so). */
function mentionsField(message: string, key: string, label: string): boolean {
  const last = key.split(".").at(-1) ?? key;
  const text = message.toLowerCase();
  return [last, humanizeKey(last), label].some((name) => text.includes(name.toLowerCase()));
}
