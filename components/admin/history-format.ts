/**
 * How history and the audit log put a recorded value into words: the field's label, the value formatted for the
 * reader (components/format, the one way the app shows dates and numbers), titles for the records a value points
 * at, and which text is long enough to deserve a word-level diff. Pure, so it is tested without a browser.
 */
import type { Change } from "diff";
import { fileNames, isFilesValue } from "@/components/files/stored-file";
import { optionLabel } from "@/components/form/widgets/option-label";
import type { Formatters } from "@/components/format/formatters";
import type { Refs, RefTitle } from "@/server/core/history-titles";
import type { FieldDescriptor, ResourceDescriptor } from "@/server/core/meta";

/** What a reference the reader may not see (or that is gone) is called. Never its id or title. */
export const UNSEEN_RECORD = "a record you cannot see";

const humanize = (key: string) =>
  key
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/^./, (c) => c.toUpperCase());

export function fieldOf(meta: ResourceDescriptor | undefined, key: string): FieldDescriptor | undefined {
  return meta?.fields.find((f) => f.name === key);
}

/** "Author" for authorId, "Tags" for the tags relation: the label the form shows, else the key made readable. */
export function fieldLabel(meta: ResourceDescriptor | undefined, key: string): string {
  return fieldOf(meta, key)?.label ?? humanize(key);
}

/** Keys in the order the form shows its fields (then link lists, then anything else), so entries read alike. */
export function orderedKeys(meta: ResourceDescriptor | undefined, keys: Iterable<string>): string[] {
  const order = new Map<string, number>();
  for (const [i, f] of (meta?.fields ?? []).entries()) order.set(f.name, i);
  for (const [i, r] of (meta?.relations ?? []).entries()) order.set(r.name, 1000 + i);
  return [...new Set(keys)].sort((a, b) => (order.get(a) ?? 2000) - (order.get(b) ?? 2000));
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One recorded value as the reader reads it ("Mar 1, 2026, 2:05 PM", "1,234.50", "Yes"); "" for no value. */
export function formatValue(
  field: Pick<FieldDescriptor, "type" | "widget" | "scale" | "items"> | undefined,
  value: unknown,
  fmt: Formatters,
): string {
  if (isEmpty(value)) return "";
  switch (field?.type) {
    case "date":
      return field.widget === "date" ? fmt.calendarDay(value) : fmt.dateTime(value);
    case "time":
      return fmt.timeOfDay(value);
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "integer":
    case "number":
      return typeof value === "number" ? fmt.number(value) : String(value);
    case "bigint":
      return fmt.decimal(String(value));
    case "decimal":
      return fmt.decimal(String(value), field.scale);
    case "enum":
      return typeof value === "string" ? optionLabel(value) : String(value);
    case "array":
      return Array.isArray(value)
        ? value
            .map((item) => formatValue(field.items ? { type: field.items, widget: "text" } : undefined, item, fmt))
            .join(", ")
        : String(value);
    case "json":
      return JSON.stringify(value);
    case "file":
      // Files by their names ("cover.png", "a.pdf, b.png"): the entry holds their descriptors, never shown as JSON.
      return fileNames(value);
    default:
      if (typeof value === "string") return !field && ISO_MOMENT.test(value) ? fmt.dateTime(value) : value;
      // A field this reader has no descriptor for (an old entry, a field since removed): files still read as names.
      if (isFilesValue(value)) return fileNames(value);
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A referenced record's name as this reader may know it. */
export function refName(ref: RefTitle | undefined): string {
  if (!ref) return UNSEEN_RECORD;
  return ref.deleted ? `${ref.title} (deleted)` : ref.title;
}

export function refOf(refs: Refs | undefined, field: string, id: unknown): RefTitle | undefined {
  return refs?.[field]?.[String(id)];
}

/** Names of link targets, with the ones the reader cannot see counted once instead of repeated. */
export function linkNames(refs: Refs | undefined, field: string, ids: string[]): string[] {
  const names: string[] = [];
  let unseen = 0;
  for (const id of ids) {
    const ref = refOf(refs, field, id);
    if (ref) names.push(refName(ref));
    else unseen++;
  }
  if (unseen === 1) names.push(UNSEEN_RECORD);
  if (unseen > 1) names.push(`${unseen} records you cannot see`);
  return names;
}

/** What a link list change added and removed (ids), each in the order the lists give them. */
export function linkChange(before: unknown, after: unknown): { added: string[]; removed: string[] } {
  const was = Array.isArray(before) ? before.map(String) : [];
  const now = Array.isArray(after) ? after.map(String) : [];
  return { added: now.filter((id) => !was.includes(id)), removed: was.filter((id) => !now.includes(id)) };
}

/** Text worth a word-level diff: markdown or long-form fields, or anything that does not fit on one short line. */
export function isLongText(field: FieldDescriptor | undefined, before: unknown, after: unknown): boolean {
  if (typeof before !== "string" && typeof after !== "string") return false;
  if (field && field.type !== "text") return false;
  if (field?.widget === "markdown" || field?.widget === "textarea") return true;
  return [before, after].some((v) => typeof v === "string" && (v.length > 60 || v.includes("\n")));
}

export type DiffPart = { kind: "same" | "added" | "removed"; text: string } | { kind: "elided" };

/**
 * A word diff with long unchanged stretches cut down to `context` words on each side of a change, so a one-word edit
 * in a 5,000-word body shows as one line. Changed text is never cut.
 */
export function collapseDiff(changes: Change[], context = 6): DiffPart[] {
  const out: DiffPart[] = [];
  changes.forEach((change, i) => {
    if (change.added || change.removed) {
      out.push({ kind: change.added ? "added" : "removed", text: change.value });
      return;
    }
    const tokens = change.value.split(/(\s+)/);
    const words = tokens.filter((t) => t.trim() !== "").length;
    const keepStart = i > 0 ? context : 0;
    const keepEnd = i < changes.length - 1 ? context : 0;
    if (words <= keepStart + keepEnd + 2) {
      out.push({ kind: "same", text: change.value });
      return;
    }
    if (keepStart > 0) out.push({ kind: "same", text: takeWords(tokens, keepStart).join("") });
    out.push({ kind: "elided" });
    if (keepEnd > 0)
      out.push({
        kind: "same",
        text: takeWords([...tokens].reverse(), keepEnd)
          .reverse()
          .join(""),
      });
  });
  return out;
}

/** The leading tokens up to the `n`th word and the whitespace after it (whitespace kept as it was). */
function takeWords(tokens: string[], n: number): string[] {
  let words = 0;
  const taken: string[] = [];
  for (const token of tokens) {
    if (token.trim() !== "") {
      if (words === n) break;
      words++;
    }
    taken.push(token);
  }
  return taken;
}
