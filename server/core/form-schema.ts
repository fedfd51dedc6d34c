/**
 * The zod schema of a generated form, built from the field descriptors that `meta` serves. Pure (zod only), so the
 * browser imports it: forms validate with the same rules and messages (`rules.ts`) the server's input schemas apply,
 * and `form-schema.test.ts` proves both accept and refuse the same values. Both build each value's schema with
 * field-schema.ts: the browser from the descriptor, the server from the column it was described from.
 */
import { z } from "zod";
import { valueSchemaOf } from "./field-schema";
import type { FieldDescriptor } from "./meta";

/** One field's schema: type, declared rules, then nullability and whether the form may leave it out. */
export function fieldSchema(field: FieldDescriptor, mode: "create" | "update"): z.ZodType {
  let schema = valueSchemaOf(field);
  if (field.nullable) schema = schema.nullable();
  if (mode === "update" || !field.required) schema = schema.optional();
  return schema;
}

/** The form's schema over the fields this caller may write in this mode (the server refuses any other key). */
export function formSchema(fields: FieldDescriptor[], mode: "create" | "update") {
  const writable = fields.filter((f) => (mode === "create" ? f.canCreate : f.canUpdate));
  return z.object(Object.fromEntries(writable.map((f) => [f.name, fieldSchema(f, mode)])));
}
