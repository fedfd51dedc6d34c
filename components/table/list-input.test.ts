import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayOf,
  halfTyped,
  impossibleMinute,
  type MinuteParts,
  minuteOf,
  minuteParts,
} from "./filter-dates.arbitraries";
import { toApiFilter, toListInput } from "./list-input";
import { decodeTableState, encodeTableState, type TableSpec, type TableState } from "./url-state";

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

describe("timestamp filters to the minute", () => {
  const withDays: TableSpec = { ...spec, dayFields: new Set(["endsOn"]) };
  /** The local clock's reading of an instant, to compare with what was typed. */
  const reading = (d: Date): MinuteParts & { second: number; ms: number } => ({
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    ms: d.getMilliseconds(),
  });
  /** Whether the minute is on the local clock at all (not skipped by a daylight-saving jump). */
  const exists = (p: MinuteParts) => {
    const d = new Date(p.year, p.month - 1, p.day, p.hour, p.minute);
    const r = reading(d);
    return r.year === p.year && r.hour === p.hour && r.minute === p.minute;
  };
  const bounds = (filter: { gte?: string; lte?: string }, s: TableSpec = withDays) => {
    const node = toApiFilter({ createdAt: filter }, s) as { createdAt: { gte?: Date; lte?: Date } } | undefined;
    return node?.createdAt;
  };

  it("runs from the start of the first minute to the end of the last, in the user's zone", () => {
    fc.assert(
      fc.property(minuteParts, minuteParts, (from, to) => {
        fc.pre(exists(from) && exists(to));
        const range = bounds({ gte: minuteOf(from), lte: minuteOf(to) });
        expect(reading(range?.gte as Date)).toEqual({ ...from, second: 0, ms: 0 });
        expect(reading(range?.lte as Date)).toEqual({ ...to, second: 59, ms: 999 });
      }),
    );
    // "To 14:20" includes 14:20:30.
    const range = bounds({ gte: "2026-11-29T14:05", lte: "2026-11-29T14:20" });
    expect(range?.lte?.getTime()).toBeGreaterThan(new Date(2026, 10, 29, 14, 20, 30).getTime());
    expect(range?.lte?.getTime()).toBeLessThan(new Date(2026, 10, 29, 14, 21).getTime());
  });

  it("still takes a day as the whole day, for timestamps, and as UTC midnight for calendar dates", () => {
    fc.assert(
      fc.property(minuteParts, (p) => {
        fc.pre(exists({ ...p, hour: 0, minute: 0 }) && exists({ ...p, hour: 23, minute: 59 }));
        const range = bounds({ gte: dayOf(p), lte: dayOf(p) });
        expect(reading(range?.gte as Date)).toEqual({ ...p, hour: 0, minute: 0, second: 0, ms: 0 });
        expect(reading(range?.lte as Date)).toEqual({ ...p, hour: 23, minute: 59, second: 59, ms: 999 });
        const calendar = toApiFilter({ endsOn: { gte: dayOf(p) } }, withDays) as { endsOn: { gte: Date } };
        expect(calendar.endsOn.gte.toISOString().slice(0, 10)).toBe(dayOf(p));
      }),
    );
  });

  it("sends nothing for an impossible or half-typed minute from the URL, nor for a minute on a calendar date", () => {
    fc.assert(
      fc.property(fc.oneof(impossibleMinute, halfTyped), minuteParts, (bad, p) => {
        const query = new URLSearchParams([
          ["f.createdAt.gte", bad],
          ["f.createdAt.lte", bad],
          ["f.endsOn.gte", minuteOf(p)],
        ]);
        const state = decodeTableState(query, withDays);
        expect(toListInput(state, withDays).filter).toBeUndefined();
      }),
    );
  });

  it("sends, from a link, the range the table wrote into it", () => {
    fc.assert(
      fc.property(minuteParts, minuteParts, (from, to) => {
        const view: TableState = { ...state, filters: { createdAt: { gte: minuteOf(from), lte: minuteOf(to) } } };
        const read = decodeTableState(encodeTableState(view, withDays), withDays);
        expect(toListInput(read, withDays).filter).toEqual(toListInput(view, withDays).filter);
      }),
    );
  });
});
