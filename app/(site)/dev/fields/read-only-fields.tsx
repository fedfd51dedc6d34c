"use client";
/** The first sample record as someone who may read but not change it sees it: ReadOnlyField per field. */
import { formFields } from "@/components/form/form-fields";
import { ReadOnlyField } from "@/components/form/read-only-field";
import { SAMPLE_META, SAMPLE_ROWS } from "./sample-resource";

const readOnly = { ...SAMPLE_META, fields: SAMPLE_META.fields.map((f) => ({ ...f, canUpdate: false })) };
const specs = formFields(readOnly, { mode: "update", record: SAMPLE_ROWS[0] });

export function ReadOnlyFields() {
  const record = SAMPLE_ROWS[0] ?? {};
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {specs.map((spec) => (
        <ReadOnlyField key={spec.name} id={`read-only-${spec.name}`} spec={spec} value={record[spec.name]} />
      ))}
    </div>
  );
}
