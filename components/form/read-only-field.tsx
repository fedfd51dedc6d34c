import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FormFieldSpec } from "./form-fields";
import { type Choice, type Draft, toDraft } from "./form-values";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

const isChoice = (draft: Draft): draft is Choice => !!draft && typeof draft === "object" && !Array.isArray(draft);

/** A value as text for someone who may read it but not change it. */
export function formatValue(spec: FormFieldSpec, value: unknown, expanded?: Record<string, unknown>): string {
  if (value === null || value === undefined) {
    if (spec.widget !== "multiselect") return "—";
  }
  if (value instanceof Date) {
    return spec.widget === "date" ? dateFormat.format(value) : dateTimeFormat.format(value);
  }
  const draft = toDraft(spec, value, expanded);
  if (typeof draft === "boolean") return draft ? "Yes" : "No";
  if (Array.isArray(draft)) return draft.length ? draft.map((c) => c.label || c.id).join(", ") : "—";
  if (isChoice(draft)) return draft.label || draft.id;
  return draft === "" || draft === null ? "—" : draft;
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
  const text = formatValue(spec, value, expanded);
  const look = "bg-zinc-50 text-zinc-700 shadow-none dark:bg-zinc-900/40 dark:text-zinc-300";
  return (
    <FormField id={id} label={spec.label} help={spec.help}>
      {multiline.has(spec.widget) ? (
        <Textarea readOnly value={text} className={`${look} ${spec.widget === "json" ? "font-mono text-xs" : ""}`} />
      ) : (
        <Input readOnly value={text} className={look} />
      )}
    </FormField>
  );
}
