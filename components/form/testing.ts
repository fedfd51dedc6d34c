/** Test helper: a form field spec with plain defaults (an optional, writable text field), overridden per test. */
import type { FormFieldSpec } from "./form-fields";

export function fieldSpec(overrides: Partial<FormFieldSpec> = {}): FormFieldSpec {
  return {
    name: "f",
    label: "Field",
    widget: "text",
    required: false,
    nullable: false,
    writable: true,
    editable: true,
    hidden: false,
    ...overrides,
  };
}
