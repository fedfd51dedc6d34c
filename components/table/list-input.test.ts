import { describe, expect, it } from "vitest";
import { toApiFilter, toListInput } from "./list-input";
import type { TableSpec, TableState } from "./url-state";

const spec: TableSpec = {
  fields: [
    { name: "title", type: "text", filterable: true, sortable: true },
    { name: "status", type: "enum", filterable: true, sortable: true, options: ["draft", "published"] },
    { name: "active", type: "boolean", filterable: true, sortable: false },
    { name: "authorId", type: "uuid", filterable: true, sortable: false },
    { name: "priority", type: "integer", filterable: true, sortable: true },
    { name: "createdAt", type: "date", filterable: true, sortable: true },
    { name: "endsOn", type: "date", filterable: true, sortable: true },
    { name: "body", type: "text", filterable: false, sortable: false },
  ],
  columnIds: [],
  defaultColumns: [],
  defaultSort: [{ id: "createdAt", desc: true }],
  defaultPerPage: 20,
  maxPerPage: 100,
  searchable: true,
  canReadDeleted: true,
};

const state: TableState = {
  page: 1,
  perPage: 20,
  sort: [{ id: "createdAt", desc: true }],
  search: "",
  filters: {},
  columns: null,
  deleted: "exclude",
};

describe("toApiFilter", () => {
  it("is undefined without filters", () => {
    expect(toApiFilter({}, spec)).toBeUndefined();
  });

  it("types each value for the API", () => {
    const filter = toApiFilter(
      {
        title: { contains: "tips" },
        status: { in: ["draft"] },
        active: { eq: "false" },
        authorId: { eq: "0b5f3c1e-8d7a-4c39-9e2f-6a1b2c3d4e5f" },
        priority: { gte: "3", lte: "10" },
      },
      spec,
    );
    expect(filter).toEqual({
      title: { contains: "tips" },
      status: { in: ["draft"] },
      active: { eq: false },
      authorId: { eq: "0b5f3c1e-8d7a-4c39-9e2f-6a1b2c3d4e5f" },
      priority: { gte: 3, lte: 10 },
    });
  });

  it("turns days into whole local days for timestamps and UTC midnights for calendar dates", () => {
    const filter = toApiFilter(
      { createdAt: { gte: "2026-01-01", lte: "2026-01-31" }, endsOn: { gte: "2026-03-01", lte: "2026-03-02" } },
      spec,
      new Set(["endsOn"]),
    );
    expect(filter).toEqual({
      createdAt: { gte: new Date(2026, 0, 1), lte: new Date(2026, 0, 31, 23, 59, 59, 999) },
      endsOn: { gte: new Date("2026-03-01T00:00:00Z"), lte: new Date("2026-03-02T00:00:00Z") },
    });
  });

  it("leaves out fields that are not filterable", () => {
    expect(toApiFilter({ body: { contains: "x" } }, spec)).toBeUndefined();
  });
});

describe("toListInput", () => {
  it("leaves out what the server does by default", () => {
    expect(toListInput(state, spec, { serverSort: ["-createdAt"] })).toEqual({ page: 1, perPage: 20 });
  });

  it("sends a sort other than the server's, search, expand and deleted rows", () => {
    const input = toListInput(
      { ...state, page: 3, sort: [{ id: "title", desc: false }], search: " go ", deleted: "only" },
      spec,
      { serverSort: ["-createdAt"], expand: ["author"] },
    );
    expect(input).toEqual({ page: 3, perPage: 20, sort: ["title"], search: "go", expand: ["author"], deleted: "only" });
  });

  it("ANDs the page's base filter with the user's filters", () => {
    const base = { status: { eq: "published" } };
    expect(toListInput(state, spec, { baseFilter: base }).filter).toEqual(base);
    const both = toListInput({ ...state, filters: { title: { contains: "x" } } }, spec, { baseFilter: base });
    expect(both.filter).toEqual({ and: [base, { title: { contains: "x" } }] });
  });
});
