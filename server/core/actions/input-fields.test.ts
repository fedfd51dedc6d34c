/**
 * An action's input as form fields: each zod type gets the kind, widget, rules and labels a column of that type would
 * get, and the browser's schema built from the descriptor (form-schema.ts) accepts and refuses what the action's own
 * schema does, for values inside the rules JSON Schema can carry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldSchema } from "../form-schema";
import type { AnyResource } from "../resource";
import { describeActionInput } from "./input-fields";

const registry = { users: { titleField: "name" } as unknown as AnyResource };

describe("describeActionInput", () => {
  it("describes every kind of field, with labels, help, widgets, defaults and rules", () => {
    const fields = describeActionInput(
      z.object({
        reason: z.string().min(5).max(500).meta({ title: "Reason", description: "Why.", widget: "textarea" }),
        email: z.email().optional(),
        count: z.number().int().min(1).max(10).default(3),
        ratio: z.number().nullable(),
        urgent: z.boolean().default(false),
        kind: z.enum(["bug", "idea"]),
        at: z.date().optional(),
        tags: z.array(z.string().max(20)).max(5),
        assignee: z.uuid().meta({ resource: "users" }),
        extra: z.object({ a: z.string() }).optional(),
        sendSurveyEmail: z.boolean(),
      }),
      registry,
    );
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(fields.map((f) => f.name)).toEqual([
      "reason",
      "email",
      "count",
      "ratio",
      "urgent",
      "kind",
      "at",
      "tags",
      "assignee",
      "extra",
      "sendSurveyEmail",
    ]);
    expect(by.reason).toMatchObject({
      type: "text",
      label: "Reason",
      help: "Why.",
      widget: "textarea",
      required: true,
      rules: { minLength: 5, maxLength: 500 },
    });
    expect(by.email).toMatchObject({ type: "text", widget: "email", required: false, rules: { format: "email" } });
    expect(by.count).toMatchObject({ type: "integer", widget: "number", required: false, default: 3 });
    expect(by.count?.rules).toEqual({ min: 1, max: 10 });
    expect(by.ratio).toMatchObject({ type: "number", nullable: true, required: false });
    expect(by.urgent).toMatchObject({ type: "boolean", widget: "switch", default: false });
    expect(by.kind).toMatchObject({ type: "enum", widget: "select", options: ["bug", "idea"], required: true });
    expect(by.at).toMatchObject({ type: "date", widget: "datetime", required: false });
    expect(by.tags).toMatchObject({
      type: "array",
      items: "text",
      widget: "tags",
      rules: { maxItems: 5, maxLength: 20 },
    });
    expect(by.assignee).toMatchObject({
      type: "uuid",
      widget: "relation",
      relation: { name: "assignee", target: "users", titleField: "name" },
    });
    expect(by.extra).toMatchObject({ type: "json", widget: "json" });
    expect(by.sendSurveyEmail?.label).toBe("Send Survey Email");
    // What the create form expects of a field it may write.
    expect(fields.every((f) => f.canCreate && !f.canUpdate && !f.serverDefault)).toBe(true);
  });

  it("the browser's schema from the descriptor agrees with the action's own on values within its rules", () => {
    const input = z.object({
      reason: z.string().min(5).max(50),
      count: z.number().int().min(1).max(10),
      kind: z.enum(["bug", "idea"]),
    });
    const fields = describeActionInput(input, registry);
    const browser = (name: string) => fieldSchema(fields.find((f) => f.name === name) as never, "create");
    const server = (name: keyof typeof input.shape) => input.shape[name];
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: -5, max: 15 }), fc.string(), (text, n, kind) => {
        for (const [name, value] of [
          ["reason", text],
          ["count", n],
          ["kind", kind],
          ["kind", "bug"],
          ["count", n + 0.5],
        ] as const) {
          expect(browser(name).safeParse(value).success, `${name}: ${String(value)}`).toBe(
            server(name).safeParse(value).success,
          );
        }
      }),
    );
  });
});
