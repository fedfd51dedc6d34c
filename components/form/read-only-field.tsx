"use client";
import { fileNames } from "@/components/files/stored-file";
import { type Formatters, formattersFor, SERVER_LOCALE, SERVER_TIME_ZONE } from "@/components/format/formatters";
import { useFormatters } from "@/components/format/use-formatters";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FormFieldSpec } from "./form-fields";
import { toDraft } from "./form-values";
import { optionLabel } from "./widgets/option-label";

const NONE = "—";

/** A picked record's title (its id when the title is unknown), or a file's name. */
const labelOf = (c: { id: string; label?: string; name?: string }) => c.label || c.name || c.id;

/** One scalar value of a kind, as people read it: grouped numbers, exact decimals, the admin's date format. */
function formatScalar(
  spec: FormFieldSpec,
  kind: string | undefined,
  value: unknown,
  format: Formatters,
): string | undefined {
  switch (kind) {
    case "decimal":
      return format.decimal(String(value), spec.descriptor?.scale);
    case "integer":
    case "number":
      return typeof value === "number" ? format.number(value) : undefined;
    case "bigint":
      if (typeof value === "bigint") return format.number(value);
      return typeof value === "string" && /^-?\d+$/.test(value) ? format.number(BigInt(value)) : undefined;
    case "time":
      return format.timeOfDay(value);
    case "enum":
      return typeof value === "string" ? optionLabel(value) : undefined;
    case "date":
      return spec.widget === "date" ? format.calendarDay(value) : format.dateTime(value);
    default:
      return undefined;
  }
}

/** A value as text for someone who may read it but not change it. */
export function formatValue(
  spec: FormFieldSpec,
  value: unknown,
  expanded?: Record<string, unknown>,
  format: Formatters = formattersFor(SERVER_LOCALE, SERVER_TIME_ZONE),
): string {
  if ((value === null || value === undefined) && spec.widget !== "multiselect") return NONE;
  const kind = spec.descriptor?.type;
  // Files by their names ("a.pdf, b.png"), never their descriptors.
  if (kind === "file") return fileNames(value) || NONE;
  if (kind === "array" && Array.isArray(value)) {
    const items = spec.descriptor?.items;
    return value.length
      ? value.map((item) => formatScalar(spec, items, item, format) ?? String(item)).join(", ")
      : NONE;
  }
  const scalar = formatScalar(spec, kind, value, format);
  if (scalar !== undefined) return scalar;
  const draft = toDraft(spec, value, expanded);
  if (typeof draft === "boolean") return draft ? "Yes" : "No";
  if (Array.isArray(draft)) {
    return draft.length ? draft.map((c) => (typeof c === "string" ? c : labelOf(c))).join(", ") : NONE;
  }
  if (draft && typeof draft === "object") return labelOf(draft);
  return draft === "" || draft === null ? NONE : draft;
}

const multiline = new Set(["textarea", "markdown", "json"]);

/**
 * A field the caller may read but not write: a read-only control, so it keeps its label, stays in the Tab order
 * and can be selected and copied, unlike a disabled one.
 */
export function ReadOnlyField({
  id,
  spec,
  value,
  expanded,
}: {
  id: string;
  spec: FormFieldSpec;
  value: unknown;
  expanded?: Record<string, unknown>;
}) {
  const text = formatValue(spec, value, expanded, useFormatters());
  const look = "bg-zinc-50 text-zinc-700 shadow-none dark:bg-zinc-900/40 dark:text-zinc-300";
  const numeric = ["integer", "bigint", "number", "decimal"].includes(spec.descriptor?.type ?? "");
  return (
    <FormField id={id} label={spec.label} help={spec.help}>
      {multiline.has(spec.widget) ? (
        <Textarea readOnly value={text} className={`${look} ${spec.widget === "json" ? "font-mono text-xs" : ""}`} />
      ) : (
        <Input readOnly value={text} className={`${look} ${numeric ? "tabular-nums sm:max-w-48" : ""}`} />
      )}
    </FormField>
  );
}
