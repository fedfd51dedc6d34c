/**
 * A form keeps each field as its widget edits it (a draft: the text of a number, the picked record with its title)
 * and turns drafts into API values only to validate and send. Pure, so the conversions are tested on their own.
 */
import { type StoredFile, storedFiles } from "@/components/files/stored-file";
import { numberToDecimal } from "@/server/core/decimal";
import type { FormFieldSpec, FormMode } from "./form-fields";
import { fail, inputToTime, itemText, ok, type Parsed, parseItem, parseNumberText, timeToInput } from "./value-parsers";

export type { Parsed };

/** A picked record: its id, and the title shown for it. */
export type Choice = { id: string; label: string };
/** A file field's draft: the stored file(s) as reads return them (null or [] for none); sent as their ids. */
export type FileDraft = StoredFile | StoredFile[] | null;
/** Text, a switch, picked records, an array field's entries (each as its chip shows it), or files. */
export type Draft = string | boolean | Choice | Choice[] | string[] | StoredFile | StoredFile[] | null;
export type Drafts = Record<string, Draft>;

const pad = (n: number) => String(n).padStart(2, "0");

/** A `date` column's value is a Date at UTC midnight; the input shows that calendar day. */
export function dateToInput(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** A timestamp shown in the user's own time zone, as `<input type="datetime-local">` wants it. */
export function dateTimeToInput(value: Date): string {
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}`;
}

function inputToDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function inputToDateTime(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  // Local components: the browser's time zone decides the instant, daylight saving included.
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function titleOf(record: unknown, titleField: string): string | undefined {
  if (!record || typeof record !== "object") return undefined;
  const title = (record as Record<string, unknown>)[titleField];
  return title == null ? undefined : String(title);
}

/** A record's id and title as a Choice (records of every resource carry `id`). */
export function choiceOf(record: Record<string, unknown>, titleField: string): Choice {
  const id = String(record.id);
  return { id, label: titleOf(record, titleField) ?? id };
}

/**
 * The draft a widget starts from. `expanded` holds the record's expanded relations, which name picked records.
 * Unknown titles stay empty: the picker looks them up.
 */
export function toDraft(spec: FormFieldSpec, value: unknown, expanded?: Record<string, unknown>): Draft {
  switch (spec.widget) {
    case "switch":
      return value === true;
    case "relation": {
      if (value == null || value === "") return null;
      const title = spec.target ? titleOf(expanded?.[spec.target.relation], spec.target.titleField) : undefined;
      return { id: String(value), label: title ?? "" };
    }
    case "multiselect": {
      const records = expanded?.[spec.name];
      if (Array.isArray(records) && spec.target) {
        const titleField = spec.target.titleField;
        return records
          .filter((r): r is Record<string, unknown> => !!r && typeof r === "object")
          .map((r) => choiceOf(r, titleField));
      }
      return Array.isArray(value) ? value.map((id) => ({ id: String(id), label: "" })) : [];
    }
    case "date": {
      const date = asDate(value);
      return date ? dateToInput(date) : "";
    }
    case "datetime": {
      const date = asDate(value);
      return date ? dateTimeToInput(date) : "";
    }
    case "json":
      return value === undefined || value === null ? "" : JSON.stringify(value, null, 2);
    case "tags":
      return Array.isArray(value) ? value.map(itemText) : [];
    case "time":
      return typeof value === "string" ? timeToInput(value) : "";
    case "file":
      return isMultipleFile(spec) ? storedFiles(value) : (storedFiles(value)[0] ?? null);
    default:
      // A decimal that arrives as a number (a plain-JSON client) is written out without exponent notation.
      if (typeof value === "number" && Number.isFinite(value) && spec.descriptor?.type === "decimal") {
        return numberToDecimal(value);
      }
      return value == null ? "" : String(value);
  }
}

/** The JSON widget's live check; undefined when the text is empty or valid. */
export function jsonError(text: string, label: string): string | undefined {
  if (text.trim() === "") return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A picked record's or a file's id, or an array field's entry. */
const entryOf = (c: Choice | StoredFile | string) => (typeof c === "string" ? c : c.id);

/** A file field holding a list (`multiple`), rather than one file. */
const isMultipleFile = (spec: FormFieldSpec) => spec.descriptor?.file?.multiple !== undefined;

/**
 * Files go out as their descriptors, which the field's schema turns into ids (the engine takes the rest from its
 * ledger). On create, no file leaves the column to its default (null, or an empty list); on update, none clears it.
 */
function fromFileDraft(spec: FormFieldSpec, draft: Draft, mode: FormMode, empty: () => Parsed): Parsed {
  const files = storedFiles(draft);
  if (isMultipleFile(spec))
    return files.length === 0 && mode === "create" && !spec.required ? ok(undefined) : ok(files);
  if (files[0]) return ok(files[0]);
  return mode === "create" && !spec.required ? ok(undefined) : empty();
}

export function fromDraft(spec: FormFieldSpec, draft: Draft, mode: FormMode): Parsed {
  // An empty input means null where null is allowed; on create otherwise "leave it to the server's default";
  // a required field, or a non-nullable one being cleared on update, has no empty value at all.
  const empty = (): Parsed => {
    // A field the server fills in (its placeholder says "You") is left to it on create, even where null is allowed.
    if (mode === "create" && spec.descriptor?.serverDefault) return ok(undefined);
    if (spec.nullable) return ok(null);
    if (mode === "create" && !spec.required) return ok(undefined);
    return fail(`${spec.label} is required`);
  };
  const widget = spec.widget;
  switch (widget) {
    case "switch":
      return ok(draft === true);
    case "relation":
      return draft && typeof draft === "object" && !Array.isArray(draft) ? ok(draft.id) : empty();
    case "multiselect":
      return ok(Array.isArray(draft) ? draft.map(entryOf) : []);
    case "tags":
      return fromTagsDraft(spec, Array.isArray(draft) ? draft.map(entryOf) : []);
    case "file":
      return fromFileDraft(spec, draft, mode, empty);
    default:
      break;
  }
  const text = typeof draft === "string" ? draft : "";
  switch (widget) {
    case "number":
    case "decimal": {
      // Parsed by the column's kind, whichever of the two widgets shows it: a decimal stays text, a bigint a BigInt.
      const trimmed = text.trim();
      return trimmed === "" ? empty() : parseNumberText(spec.descriptor, spec.label, trimmed);
    }
    case "time": {
      if (text.trim() === "") return empty();
      const time = inputToTime(text);
      return time ? ok(time) : fail(`${spec.label} must be a time like 14:30`);
    }
    case "date": {
      if (text === "") return empty();
      const date = inputToDate(text);
      return date ? ok(date) : fail(`${spec.label} must be a date`);
    }
    case "datetime": {
      if (text === "") return empty();
      const date = inputToDateTime(text);
      return date ? ok(date) : fail(`${spec.label} must be a date and time`);
    }
    case "json": {
      if (text.trim() === "") return empty();
      const error = jsonError(text, spec.label);
      return error ? fail(error) : ok(JSON.parse(text));
    }
    case "select":
      return text === "" ? empty() : ok(text);
    default:
      // Text widgets: an empty text is a value only where null is not (and then only when not required).
      if (text === "" && (spec.nullable || spec.required)) return empty();
      return ok(text);
  }
}

/**
 * An array field's entries as values. An empty list is null where null is allowed (a tag input cannot tell "none"
 * from "no list"), else an empty array. The list's size and each item's rules are the schema's to check.
 */
function fromTagsDraft(spec: FormFieldSpec, entries: string[]): Parsed {
  if (entries.length === 0) return ok(spec.nullable ? null : []);
  const field = spec.descriptor;
  const values: unknown[] = [];
  for (const entry of entries) {
    const item = parseItem({ ...field, label: spec.label }, entry);
    if (!item.ok) return fail(item.error);
    values.push(item.value);
  }
  return ok(values);
}

/**
 * Whether two drafts mean the same thing: pickers compare ids, not the titles they happened to show, as a set; an
 * array field's entries compare in order (an array's order is part of its value).
 */
export function sameDraft(a: Draft, b: Draft): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const left = a.map(entryOf);
    const right = b.map(entryOf);
    if (a.some((c) => typeof c === "string")) return left.every((entry, i) => entry === right[i]);
    const ids = new Set(left);
    return right.every((id) => ids.has(id));
  }
  if (a && typeof a === "object") return !!b && typeof b === "object" && a.id === b.id;
  return a === b;
}
