import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FieldError } from "./errors";
import { inputSchemaOf, wordedInput } from "./input-errors";

const labels = { amount: "Budget", title: "Title" };
const schema = z.object({ title: z.string().min(3), amount: z.number().min(0) });

function refusal(run: () => unknown): FieldError {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("wordedInput", () => {
  it("parses synchronously and hands back zod's output", () => {
    const parser = wordedInput<{ title: string; amount: number }>(schema, labels, false);
    expect(parser.parse({ title: "Hello", amount: 1, extra: true })).toEqual({ title: "Hello", amount: 1 });
  });

  it("shows the schema it parses with to tools that read a procedure's input", () => {
    expect(inputSchemaOf(wordedInput(schema, labels, false))).toBe(schema);
    expect(inputSchemaOf(schema)).toBe(schema);
    expect(inputSchemaOf(undefined)).toBeUndefined();
    expect(inputSchemaOf({ schema: "not zod" })).toBeUndefined();
  });

  it("refuses with field errors named by the definition's labels", () => {
    const error = refusal(() => wordedInput(schema, labels, false).parse({ title: "Hello", amount: -1 }));
    expect(Object.keys(error.fieldErrors)).toEqual(["amount"]);
    expect(error.message).toMatch(/^Budget\b/);
    expect(error.message).not.toMatch(/amount/);
  });

  it("drops update's `data` envelope from the keys, and only when asked", () => {
    const update = z.object({ id: z.number(), data: schema.partial() });
    const enveloped = refusal(() => wordedInput(update, labels, true).parse({ id: 1, data: { amount: -1 } }));
    expect(Object.keys(enveloped.fieldErrors)).toEqual(["amount"]);
    const plain = refusal(() => wordedInput(update, labels, false).parse({ id: 1, data: { amount: -1 } }));
    expect(Object.keys(plain.fieldErrors)).toEqual(["data.amount"]);
  });

  it("parses a schema with an async refinement asynchronously, with the same wording", async () => {
    const checked = z.object({ title: z.string().refine(async (title) => title !== "taken", "is taken") });
    const parser = wordedInput<{ title: string }>(checked, labels, false);
    await expect(parser.parse({ title: "free" })).resolves.toEqual({ title: "free" });
    const failed = await Promise.resolve(parser.parse({ title: "taken" })).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FieldError);
    expect((failed as FieldError).fieldErrors).toEqual({ title: ["is taken"] });
  });
});
