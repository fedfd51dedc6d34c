/**
 * The zod schema of a generated form, built from the field descriptors that `meta` serves. Pure (zod only), so the
 * browser imports it: forms validate with the same rules and messages (`rules.ts`) the server's input schemas apply,
 * and `form-schema.test.ts` proves both accept and refuse the same values.
 */
import { z } from "zod";
import type { FieldDescriptor } from "./meta";
import { applyRules } from "./rules";
import { isStorableDate } from "./values";

function baseSchema(field: FieldDescriptor): z.ZodType {
  switch (field.type) {
    case "uuid":
      return z.guid(`${field.label} must be chosen`);
    case "enum":
      return z.enum((field.options ?? []) as [string, ...string[]]);
    case "text":
      return z.string();
    case "integer":
      return z.number(`${field.label} must be a number`).int(`${field.label} must be a whole number`);
    case "number":
      return z.number(`${field.label} must be a number`);
    case "boolean":
      return z.boolean();
    case "date":
      return z.coerce
        .date(`${field.label} must be a date`)
        .refine(isStorableDate, `${field.label} must be a date between the years 1 and 9999`);
    default:
      return z.unknown();
  }
}

/** One field's schema: type, declared rules, then nullability and whether the form may leave it out. */
export function fieldSchema(field: FieldDescriptor, mode: "create" | "update"): z.ZodType {
  let schema = applyRules(baseSchema(field), field.rules, field.label);
  if (field.nullable) schema = schema.nullable();
  if (mode === "update" || !field.required) schema = schema.optional();
  return schema;
}

/** The form's schema over the fields this caller may write in this mode (the server refuses any other key). */
export function formSchema(fields: FieldDescriptor[], mode: "create" | "update") {
  const writable = fields.filter((f) => (mode === "create" ? f.canCreate : f.canUpdate));
  return z.object(Object.fromEntries(writable.map((f) => [f.name, fieldSchema(f, mode)])));
}
