import { describe, expect, it } from "vitest";
import type { FieldDescriptor, ResourceDescriptor } from "@/server/core/meta";
import { buildSpec } from "./spec";

function field(name: string, type: FieldDescriptor["type"], extra: Partial<FieldDescriptor> = {}): FieldDescriptor {
  return {
    name,
    type,
    label: name,
    widget: "text",
    required: false,
    nullable: false,
    readable: true,
    creatable: true,
    updatable: true,
    filterable: false,
    sortable: false,
    searchable: false,
    canCreate: true,
    canUpdate: true,
    readRestricted: false,
    serverDefault: false,
    ...extra,
  };
}

const meta: ResourceDescriptor = {
  name: "posts",
  label: { one: "Post", many: "Posts" },
  icon: "FileText",
  idField: "id",
  titleField: "title",
  softDelete: true,
  fields: [
    field("id", "uuid", { creatable: false, updatable: false }),
    field("slug", "text"),
    field("title", "text", { sortable: true, searchable: true }),
    field("body", "text", { widget: "markdown" }),
    field("authorId", "uuid", { relation: { name: "author", target: "users", titleField: "name" } }),
    field("settings", "json"),
    field("secret", "text", { readable: false }),
    field("endsOn", "date", { widget: "date", nullable: true }),
    field("createdAt", "date", { sortable: true, creatable: false, updatable: false }),
    field("updatedAt", "date", { creatable: false, updatable: false }),
    field("deletedAt", "date", { nullable: true, creatable: false, updatable: false }),
  ],
  relations: [],
  list: { defaultSort: ["-createdAt", "-nope"], defaultPerPage: 20, maxPerPage: 50, maxBatch: 100 },
  can: {
    list: true,
    get: true,
    create: true,
    update: true,
    delete: true,
    readDeleted: true,
    restore: true,
    purge: false,
    revert: false,
  },
};

describe("buildSpec", () => {
  const spec = buildSpec(meta);

  it("puts the title column first and leaves unreadable fields out", () => {
    expect(spec.columnIds).toEqual([
      "title",
      "id",
      "slug",
      "body",
      "authorId",
      "settings",
      "endsOn",
      "createdAt",
      "updatedAt",
      "deletedAt",
    ]);
  });

  it("hides ids, long text, JSON, the delete mark and updatedAt by default", () => {
    expect(spec.defaultColumns).toEqual(["title", "slug", "authorId", "endsOn", "createdAt"]);
  });

  it("takes the page's columns and order when given, keeping the title and sortable fields", () => {
    const custom = buildSpec(meta, { defaultColumns: ["body"], defaultSort: ["title", "-body"] });
    expect(custom.defaultColumns).toEqual(["title", "body"]);
    expect(custom.defaultSort).toEqual([{ id: "title", desc: false }]);
  });

  it("knows the soft-delete column, calendar-date fields and the server's order", () => {
    expect(spec.softDeleteField).toBe("deletedAt");
    expect([...spec.dayFields]).toEqual(["endsOn"]);
    expect(spec.defaultSort).toEqual([{ id: "createdAt", desc: true }]);
    expect(spec.serverSort).toEqual(["-createdAt", "-nope"]);
    expect(spec).toMatchObject({ searchable: true, canReadDeleted: true, maxPerPage: 50, defaultPerPage: 20 });
  });

  it("tells the URL state what an array holds, so its filter reads items of that kind", () => {
    const tagged = buildSpec({ ...meta, fields: [...meta.fields, field("scores", "array", { items: "integer" })] });
    expect(tagged.fields.find((f) => f.name === "scores")).toMatchObject({ type: "array", items: "integer" });
  });

  it("offers deleted rows only to callers who may read them", () => {
    expect(buildSpec({ ...meta, can: { ...meta.can, readDeleted: false } }).canReadDeleted).toBe(false);
  });
});
