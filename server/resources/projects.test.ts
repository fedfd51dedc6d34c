/**
 * The scenario: a `projects` resource added as a new user would (table, definition, one registry line), with
 * a numeric budget, a status enum, a due date, an owner and tags. What broke before: min 0 ignored (-5 saved),
 * "12abc" reported on "_form", and the filter on budget offering `contains`, which answered 500.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projects, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "../core";
import { callers, rejection } from "../testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
const people = {} as Record<"owner" | "other" | "admin", User>;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
  for (const [key, role] of [
    ["owner", "member"],
    ["other", "member"],
    ["admin", "admin"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: key, email: `${key}@projects.test`, role })
      .returning();
    people[key] = row as User;
  }
});
afterAll(() => t.drop());

const rowOf = async (id: string) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0];
let serial = 0;
const create = (input: Record<string, unknown> = {}) =>
  api.as(people.owner).projects.create({ name: `Project ${++serial}`, ...input });

describe("projects: a numeric budget, exact and bounded", () => {
  it("stores the budget exactly as text, and its owner is the caller", async () => {
    const created = await create({ budget: "12500.50", tags: ["web", "design"], dueDate: new Date("2026-09-01") });
    expect(created).toMatchObject({ budget: "12500.50", status: "planning", tags: ["web", "design"] });
    expect(created.ownerId).toBe(people.owner.id);
    expect((await rowOf(created.id))?.budget).toBe("12500.50");
  });

  it.each([
    ["-5", "Budget must be at least 0"],
    ["-0.01", "Budget must be at least 0"],
    ["12abc", "Budget must be a number"],
    ["1.234", "Budget must have at most 2 digits after the point"],
    ["12345678901", "Budget must have at most 10 digits before the point"],
  ])("refuses %s with a message on the budget, and writes nothing", async (budget, message) => {
    const before = await t.db.select().from(projects);
    const error = await rejection(create({ budget }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({ budget: [message] });
    expect(await t.db.select().from(projects)).toEqual(before);
  });

  it("filters budgets by range, and refuses `contains` on a number with a 400 (it answered 500)", async () => {
    const low = await create({ budget: "99.99" });
    const high = await create({ budget: "100000.00" });
    const { items } = await api.as(people.owner).projects.list({
      perPage: 100,
      filter: { budget: { gte: "99.99", lt: "100000" } },
    });
    expect(items.map((p) => p.id)).toContain(low.id);
    expect(items.map((p) => p.id)).not.toContain(high.id);
    const error = await rejection(
      api.as(people.owner).projects.list({ filter: { budget: { contains: "9" } } as never }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({
      "filter.budget.contains": [
        "budget cannot be filtered with contains; use eq, ne, in, notIn, isNull, gt, gte, lt, lte",
      ],
    });
  });

  it("filters tags by item and sorts by budget, NULLs last", async () => {
    const tagged = await create({ tags: ["garden"], budget: "1.00" });
    await create({ budget: null });
    const { items } = await api.as(people.owner).projects.list({ filter: { tags: { has: "garden" } } });
    expect(items.map((p) => p.id)).toEqual([tagged.id]);
    const sorted = await api.as(people.owner).projects.list({ perPage: 100, sort: ["-budget"] });
    const budgets = sorted.items.map((p) => p.budget);
    expect(budgets.indexOf(null)).toBeGreaterThan(budgets.lastIndexOf("1.00"));
  });

  it("a taken name is a 409 naming the field", async () => {
    await create({ name: "Unique name" });
    const error = await rejection(create({ name: "Unique name" }));
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors)).toEqual(["name"]);
  });
});

describe("projects: who may do what", () => {
  it("signed-in users list and read; anonymous callers are refused", async () => {
    const project = await create();
    expect((await api.as(people.other).projects.get({ id: project.id })).id).toBe(project.id);
    expect((await rejection(api.anonymous.projects.list())).code).toBe("UNAUTHORIZED");
  });

  it("the owner updates their project; another member may not; an admin may", async () => {
    const project = await create();
    await api.as(people.owner).projects.update({ id: project.id, data: { status: "active" } });
    const refused = await rejection(api.as(people.other).projects.update({ id: project.id, data: { status: "done" } }));
    expect(refused.code).toBe("FORBIDDEN");
    await api.as(people.admin).projects.update({ id: project.id, data: { status: "done" } });
    expect((await rowOf(project.id))?.status).toBe("done");
  });

  it("only an admin names another owner, and only an admin deletes", async () => {
    const project = await create();
    const moved = await rejection(
      api.as(people.owner).projects.update({ id: project.id, data: { ownerId: people.other.id } }),
    );
    expect(moved.code).toBe("FORBIDDEN");
    expect((await rejection(api.as(people.owner).projects.delete({ id: project.id }))).code).toBe("FORBIDDEN");
    await api.as(people.admin).projects.update({ id: project.id, data: { ownerId: people.other.id } });
    await api.as(people.admin).projects.delete({ id: project.id });
    expect(await rowOf(project.id)).toBeUndefined();
  });
});

describe("projects: meta", () => {
  it("describes budget as a decimal with its precision, status with its tones, tags as a list of text", async () => {
    const meta = await api.as(people.owner).projects.meta();
    const field = (name: string) => meta.fields.find((f) => f.name === name);
    expect(field("budget")).toMatchObject({ type: "decimal", widget: "decimal", precision: 12, scale: 2 });
    expect(field("budget")?.rules).toEqual({ min: 0 });
    expect(field("status")).toMatchObject({
      type: "enum",
      default: "planning",
      required: false,
      tones: { planning: "blue", active: "green", on_hold: "amber", done: "gray" },
    });
    expect(field("tags")).toMatchObject({ type: "array", items: "text", widget: "tags", default: [] });
    expect(field("dueDate")).toMatchObject({ type: "date", widget: "date", label: "Due date" });
    expect(field("ownerId")).toMatchObject({ type: "uuid", widget: "relation", serverDefault: true });
  });
});
