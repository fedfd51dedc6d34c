/**
 * The zod schema of a generated form, over what its widgets edit (drafts): each field's draft becomes its API value
 * (`fromDraft`), then meets the server's own rules and messages (`fieldSchema` from server/core/form-schema.ts, pure
 * zod). What it parses to is exactly what the request sends, so react-hook-form's `zodResolver` validates and
 * converts in one step, on blur, on change once a field shows an error, and on submit.
 */
import { z } from "zod";
import { fieldSchema } from "@/server/core/form-schema";
import type { FormFieldSpec, FormMode } from "./form-fields";
import { type Draft, type Drafts, fromDraft, sameDraft } from "./form-values";

export type FieldErrors = Record<string, string[]>;

/** One field: unchanged on update means "not sent" (undefined); otherwise the value its draft stands for. */
function draftSchema(spec: FormFieldSpec, baseline: Draft, mode: FormMode) {
  const rules = spec.descriptor ? fieldSchema(spec.descriptor, mode) : z.unknown();
  return z
    .custom<Draft>()
    .transform((draft, ctx) => {
      const current = draft ?? null;
      if (mode === "update" && sameDraft(current, baseline)) return undefined;
      const parsed = fromDraft(spec, current, mode);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    })
    .pipe(rules.optional());
}

/**
 * The form's schema: every field the caller may write in this mode (`baseline` is what an edit form started from).
 * Fields it may not write are not in it, so they are never sent; `sendable` drops the ones left out.
 */
export function draftsSchema(
  specs: readonly FormFieldSpec[],
  baseline: Drafts,
  mode: FormMode,
): z.ZodType<Record<string, unknown>, Drafts> {
  const shape = Object.fromEntries(
    specs
      .filter((spec) => spec.writable)
      .map((spec) => [spec.name, draftSchema(spec, baseline[spec.name] ?? null, mode)]),
  );
  return z.object(shape);
}

/** The parsed values as the request carries them: fields left out (undefined) are not sent at all. */
export function sendable(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
