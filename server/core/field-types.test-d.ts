/**
 * Type tests of the field types through the app router (projects, the demo's every-type resource): a decimal is a
 * string, an array filter takes items, enum tones are keyed by the enum's own values. Checked by `tsc`.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import { projects } from "@/db/schema";
import type { AppRouter } from "../router";
import { defineResource } from "./resource";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;
type Project = Out["projects"]["get"];

describe("projects: every kind as its column says", () => {
  it("reads a decimal as a string, a date as a Date, tags as strings, status as its enum", () => {
    expectTypeOf<Project["budget"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Project["dueDate"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<Project["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<Project["status"]>().toEqualTypeOf<"planning" | "active" | "on_hold" | "done">();
  });

  it("filters an array by its items, and a decimal by ranges of strings", () => {
    type Filter = NonNullable<Extract<In["projects"]["list"], object>["filter"]>;
    expectTypeOf<{ tags: { has: "web"; hasAny: ["a", "b"] } }>().toExtend<Filter>();
    expectTypeOf<{ budget: { gte: "0"; lt: "100.50" } }>().toExtend<Filter>();
    // @ts-expect-error an array is not compared whole
    expectTypeOf<{ tags: { eq: ["web"] } }>().toExtend<Filter>();
    // @ts-expect-error a decimal travels as a string, never a float
    expectTypeOf<{ budget: { gte: 0 } }>().toExtend<Filter>();
  });
});

describe("tones are keyed by the enum's values", () => {
  it("accepts the enum's own values and refuses others", () => {
    defineResource("projects", {
      table: projects,
      titleField: "name",
      fields: { status: { tones: { done: "gray" } } },
    });
    defineResource("projects", {
      table: projects,
      titleField: "name",
      // @ts-expect-error "planing" is not a project_status
      fields: { status: { tones: { planing: "blue" } } },
    });
    defineResource("projects", {
      table: projects,
      titleField: "name",
      // @ts-expect-error "purple" is not a Tone
      fields: { status: { tones: { done: "purple" } } },
    });
  });
});
