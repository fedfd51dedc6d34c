/**
 * The browser and the server validate every field type alike: the form schema the browser builds from `meta`
 * (form-schema.ts) and the server's create/update input schema (inputs.ts) accept the same values and refuse the same
 * ones with the same messages, for generated valid values and generated garbage of every kind (field-types.fixture.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { garbage, validValue } from "./field-types.arbitraries";
import { sampleRegistry, samplesResource } from "./field-types.fixture";
import { formSchema } from "./form-schema";
import { buildInputs } from "./inputs";
import { describeResource } from "./meta";

const RUNS = Number(process.env.FIELD_TYPES_RUNS) || 50;
const meta = describeResource(samplesResource, sampleRegistry, { kind: "system", reason: "test" });
const server = buildInputs(samplesResource, sampleRegistry);

function verdict(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return "ok";
  return result.error.issues.map((i) => `${i.path.filter((p) => p !== "data").join(".")}: ${i.message}`).sort();
}

describe("browser and server agree on every field of every type", () => {
  for (const mode of ["create", "update"] as const) {
    const browser = formSchema(meta.fields, mode).strict();
    const serverSide = (data: Record<string, unknown>) =>
      mode === "create" ? verdict(server.create, data) : verdict(server.update, { id: crypto.randomUUID(), data });
    for (const field of meta.fields.filter((f) => (mode === "create" ? f.canCreate : f.canUpdate))) {
      it(`${mode} ${field.name} (${field.type})`, () => {
        const base = mode === "create" ? { title: "Parity" } : {};
        const value = fc.oneof(validValue(field), garbage(field), fc.constantFrom(null, undefined));
        fc.assert(
          fc.property(value, (v) => {
            const data = { ...base, [field.name]: v };
            expect(verdict(browser, data)).toEqual(serverSide(data));
          }),
          { numRuns: RUNS },
        );
      });
    }
  }
});
