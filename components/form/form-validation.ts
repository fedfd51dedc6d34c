/**
 * Browser-side validation with the server's own rules and messages (`formSchema` from server/core/form-schema.ts,
 * pure zod), after each draft has been turned into a value.
 */
import { fieldSchema, formSchema } from "@/server/core/form-schema";
import type { FieldDescriptor } from "@/server/core/meta";
import type { FormFieldSpec, FormMode } from "./form-fields";
import { type Draft, type Drafts, fromDraft, sameDraft } from "./form-values";

export type FieldErrors = Record<string, string[]>;

export interface Validated {
  /** What the request sends: on update only the changed fields. */
  values: Record<string, unknown>;
  errors: FieldErrors;
}

/** Fields whose value goes out: all the caller may write on create, only the changed ones on update. */
export function outgoing(specs: FormFieldSpec[], drafts: Drafts, baseline: Drafts, mode: FormMode) {
  return specs.filter(
    (spec) =>
      spec.writable && (mode === "create" || !sameDraft(drafts[spec.name] ?? null, baseline[spec.name] ?? null)),
  );
}

export function validateForm(specs: FormFieldSpec[], drafts: Drafts, baseline: Drafts, mode: FormMode): Validated {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const checked: FieldDescriptor[] = [];
  for (const spec of outgoing(specs, drafts, baseline, mode)) {
    const parsed = fromDraft(spec, drafts[spec.name] ?? null, mode);
    if (!parsed.ok) {
      errors[spec.name] = [parsed.error];
      continue;
    }
    if (parsed.value !== undefined) values[spec.name] = parsed.value;
    if (spec.descriptor) checked.push(spec.descriptor);
  }
  const result = formSchema(checked, mode).safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      errors[key] = [...(errors[key] ?? []), issue.message];
    }
  }
  return { values, errors };
}

/** One field, as on blur: messages, or none when it is fine (or unchanged on update). */
export function validateField(spec: FormFieldSpec, draft: Draft, baseline: Draft, mode: FormMode): string[] {
  if (!spec.writable || (mode === "update" && sameDraft(draft, baseline))) return [];
  const parsed = fromDraft(spec, draft, mode);
  if (!parsed.ok) return [parsed.error];
  if (!spec.descriptor || parsed.value === undefined) return [];
  const result = fieldSchema(spec.descriptor, mode).safeParse(parsed.value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}
