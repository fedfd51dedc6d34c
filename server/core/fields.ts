/** What a resource definition may say about one field. Everything here is plain data, so it serialises into `meta`. */
import type { z } from "zod";

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
  | "json";

/** Declarative validation on top of what the column type already implies; also shown by generated forms. */
export interface FieldRules {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** A regular expression source the whole value must match, with the message shown when it does not. */
  pattern?: { source: string; message: string };
  format?: "email" | "url" | "slug";
}

export interface FieldConfig {
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
  /** Escape hatch for validation `rules` cannot express; runs on the client and the server alike. */
  validate?: (schema: z.ZodType) => z.ZodType;
}
