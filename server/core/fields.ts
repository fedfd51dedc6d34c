/**
 * What a resource definition may say about one field. Everything but the rules and `defaultValue` is plain data, so
 * it serialises into `meta`; the functions stay on the server.
 */
import type { z } from "zod";
import type { RuleArgs } from "./access";
import type { FileOptions } from "./files/options";

export type Widget =
  | "text"
  | "textarea"
  | "markdown"
  | "number"
  | "switch"
  | "select"
  | "date"
  | "datetime"
  | "email"
  | "url"
  | "relation"
  | "json"
  | "time"
  | "decimal"
  | "tags"
  | "file";

/** A badge colour: enum values are shown in one of these (the definition may choose, else a stable default). */
export type Tone = "gray" | "red" | "amber" | "green" | "blue" | "violet" | "pink" | "teal";

/**
 * The default colour of each option, by its position among the column's values (not by the rows): a value keeps its
 * colour whatever the data. Red is last, as it reads as an error.
 */
export const TONE_ORDER: readonly Tone[] = ["blue", "green", "amber", "violet", "teal", "pink", "gray", "red"];

/** The options of an enum column (or of an enum array's items) as the type of a `tones` key. */
export type EnumValue<V> =
  NonNullable<V> extends readonly (infer E)[] ? Extract<E, string> : Extract<NonNullable<V>, string>;

/** "dueDate" -> "Due Date", "ownerId" -> "Owner": the label of a field whose definition gives none. */
export function humanize(key: string): string {
  return key
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/^./, (c) => c.toUpperCase());
}

/** The label messages and forms use for a field: the definition's, else the key made readable. */
export function fieldLabel(key: string, config: { label?: string } | undefined): string {
  return config?.label ?? humanize(key);
}

/** Declarative validation on top of what the column type already implies; also shown by generated forms. */
export interface FieldRules {
  minLength?: number;
  maxLength?: number;
  /** Numbers, big integers and decimals (decimals compare exactly, digit by digit); for arrays, each item. */
  min?: number;
  max?: number;
  /** Arrays: how many items the list may hold. */
  minItems?: number;
  maxItems?: number;
  /** A regular expression source the whole value must match, with the message shown when it does not. */
  pattern?: { source: string; message: string };
  format?: "email" | "url" | "slug";
}

/** A per-field permission: named like operation rules, so a refusal says which one refused. */
export interface FieldRule<Extra> {
  name: string;
  allow: (args: RuleArgs & Extra) => boolean;
}

/**
 * A field's read rule. `everyRow` says whether this caller reads the field on every row (e.g. admins): only such
 * callers may filter or sort by it, so the field may then be `filterable`/`sortable`; anyone else gets a 400 naming
 * the field (query-access.ts).
 */
export type FieldReadRule<Row> = FieldRule<{ row: Row }> & { everyRow?: (args: RuleArgs) => boolean };

export interface FieldAccess<Row> {
  /**
   * Who may read this field of a given row (e.g. a user's own email). When it refuses, the key is absent from that
   * record, so the field is optional in the record type. Such a field cannot be filterable, sortable or searchable:
   * a filter on it would reveal what the rule hides. The row holds the resource's readable columns.
   */
  read?: FieldReadRule<Row>;
  /** Who may set this field. Checked on create (`old` undefined) and update whenever the input names the field. */
  write?: FieldRule<{ old: Row | undefined }>;
}

// biome-ignore lint/suspicious/noExplicitAny: the unconstrained default lets plain (row-less) configs be written.
export interface FieldConfig<Row = any, Value = unknown> {
  label?: string;
  help?: string;
  widget?: Widget;
  /** Returned by reads. Default true. */
  readable?: boolean;
  /** Accepted by create. Default true, except the primary key, timestamps and the soft-delete column. */
  creatable?: boolean;
  /** Accepted by update. Default: same as creatable. */
  updatable?: boolean;
  /** May appear in `filter`. Default false: every filterable field is a decision (and wants an index). */
  filterable?: boolean;
  /** May appear in `sort`. Default false. */
  sortable?: boolean;
  /** Matched by `search` (case-insensitive substring). Default false; text columns only. */
  searchable?: boolean;
  /** Never read, written, filtered or rendered (password hashes, internal flags). */
  hidden?: boolean;
  rules?: FieldRules;
  /** Enum fields: a badge colour per option, e.g. `{ done: "gray", active: "green" }`; others get a stable default. */
  tones?: Partial<Record<EnumValue<Value>, Tone>>;
  /** Escape hatch for validation `rules` cannot express; runs on the client and the server alike. */
  validate?: (schema: z.ZodType) => z.ZodType;
  /** Field-level read and write rules, on top of the operation rules. */
  access?: FieldAccess<Row>;
  /**
   * Set by the server on create when the input leaves the field out (e.g. a post's author is the caller). The field
   * becomes optional in the create input; whoever may not `write` it cannot override it.
   */
  defaultValue?: (args: RuleArgs) => unknown;
  /** A file field (on a `fileColumn` or `filesColumn`): what it accepts and how it is served. Use `file({ ... })`. */
  file?: FileOptions<Row>;
}
