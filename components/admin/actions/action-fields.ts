/**
 * An action's input form, from its descriptor in `meta`: the same field specs, drafts and browser checks as a create
 * form of a resource (components/form), so every widget works here too. Pure, so it is tested without a browser.
 */
import type { FormFieldSpec } from "@/components/form/form-fields";
import { draftsSchema } from "@/components/form/form-validation";
import type { Drafts } from "@/components/form/form-values";
import { draftsOf } from "@/components/form/remote-changes";
import type { ActionDescriptor } from "@/server/core/actions/describe";

/** Every input field as an editable create-form field. */
export function actionFormFields(action: ActionDescriptor): FormFieldSpec[] {
  return action.fields.map((field) => ({
    name: field.name,
    label: field.label,
    ...(field.help ? { help: field.help } : {}),
    widget: field.widget,
    required: field.required,
    nullable: field.nullable,
    writable: true,
    editable: true,
    hidden: false,
    descriptor: field,
    ...(field.relation
      ? {
          target: {
            resource: field.relation.target,
            titleField: field.relation.titleField,
            relation: field.relation.name,
          },
        }
      : {}),
  }));
}

/** The drafts the form starts from: each field's default from the action's schema, else empty. */
export function initialActionDrafts(action: ActionDescriptor, specs: FormFieldSpec[]): Drafts {
  return draftsOf(
    specs,
    Object.fromEntries(action.fields.flatMap((f) => (f.default === undefined ? [] : [[f.name, f.default]]))),
  );
}

/** The browser's check of the drafts, turning them into the input the action is sent. */
export function actionInputSchema(specs: FormFieldSpec[], initial: Drafts) {
  return draftsSchema(specs, initial, "create");
}

/**
 * The input as sent: fields left out stay out, and so does an empty text in a field that is not required (a create
 * form sends "" there, for a column; an action's optional text means "not given").
 */
export function actionInputValues(specs: FormFieldSpec[], parsed: Record<string, unknown>): Record<string, unknown> {
  const optional = new Set(specs.filter((s) => !s.required).map((s) => s.name));
  return Object.fromEntries(
    Object.entries(parsed).filter(([name, value]) => value !== undefined && !(value === "" && optional.has(name))),
  );
}
