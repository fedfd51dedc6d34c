/**
 * The action form's drafts: they start from the schema's defaults, the browser's check turns them into the input
 * (refusing what the rules refuse, with the field's message), and an empty optional text is left out of the input.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ActionDescriptor } from "@/server/core/actions/describe";
import { describeActionInput } from "@/server/core/actions/input-fields";
import { actionFormFields, actionInputSchema, actionInputValues, initialActionDrafts } from "./action-fields";

const action: ActionDescriptor = {
  name: "close",
  label: "Close",
  target: "record",
  bulk: true,
  successMessage: "Closed",
  can: true,
  fields: describeActionInput(
    z.object({
      reason: z.string().min(5).meta({ title: "Reason" }),
      note: z.string().max(10).optional(),
      notify: z.boolean().default(true),
      count: z.number().int().min(1).default(2),
    }),
    {},
  ),
};

describe("the action form", () => {
  const specs = actionFormFields(action);
  const initial = initialActionDrafts(action, specs);

  it("starts from the schema's defaults", () => {
    expect(initial).toEqual({ reason: "", note: "", notify: true, count: "2" });
    expect(specs.every((s) => s.editable && s.writable && !s.hidden)).toBe(true);
  });

  it("refuses what the rules refuse, on the field, with its label", () => {
    const result = actionInputSchema(specs, initial).safeParse({ ...initial, reason: "no" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "Reason must be at least 5 characters"],
    ]);
  });

  it("sends the parsed input, leaving an empty optional text out", () => {
    const parsed = actionInputSchema(specs, initial).parse({ ...initial, reason: "Because." });
    expect(actionInputValues(specs, parsed)).toEqual({ reason: "Because.", notify: true, count: 2 });
  });
});
