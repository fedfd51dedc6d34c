import { describe, expect, it } from "vitest";
import type { ResourceListResult, ResourceRecord } from "@/components/form/resource-api";
import { changedFields, patchList, patchRecord } from "./patch";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute));
const post = (id: string, extra: Partial<ResourceRecord> = {}): ResourceRecord => ({
  id,
  title: `Post ${id}`,
  authorId: "u1",
  publishedAt: at(Number(id)),
  ...extra,
});
const page = (items: ResourceRecord[], extra: Partial<ResourceListResult> = {}): ResourceListResult => ({
  items,
  page: 1,
  perPage: 3,
  totalItems: items.length,
  totalPages: 1,
  ...extra,
});

describe("patchList", () => {
  it("an update of a row on the page replaces it in place, keeping its expanded relations", () => {
    const data = page([post("1", { expand: { author: { name: "Ada" } } }), post("2")]);
    const record = post("1", { title: "Renamed" });
    const out = patchList(
      data,
      { action: "update", id: "1", record },
      { expand: ["author"] },
      {
        relationKeys: ["authorId"],
      },
    );
    expect(out.data.items[0]).toEqual({ ...record, expand: { author: { name: "Ada" } } });
    expect(out.data.items[1]).toBe(data.items[1]);
    expect(out.refetch).toBe(false);
  });

  it("is not exact when a sort field, a shown relation's key or a searched list changes", () => {
    const data = page([post("1"), post("2")]);
    const moved = { action: "update", id: "1", record: post("1", { publishedAt: at(59) }) } as const;
    expect(patchList(data, moved, { sort: ["-publishedAt"] }).refetch).toBe(true);
    const reassigned = { action: "update", id: "1", record: post("1", { authorId: "u2" }) } as const;
    expect(patchList(data, reassigned, { expand: ["author"] }, { relationKeys: ["authorId"] }).refetch).toBe(true);
    // Expanded, with no word on which keys feed it: a refetch to be safe.
    const renamed = { action: "update", id: "1", record: post("1", { title: "New" }) } as const;
    expect(patchList(data, renamed, { expand: ["author"] }).refetch).toBe(true);
    expect(patchList(data, renamed, { search: "post" }).refetch).toBe(true);
    expect(patchList(data, renamed, { sort: ["-publishedAt"] }).refetch).toBe(false);
  });

  it("an update that changes nothing this list shows leaves the page as it is", () => {
    const data = page([post("1")]);
    const out = patchList(data, { action: "update", id: "1", record: post("1") }, {});
    expect(out.data).toBe(data);
    expect(out.refetch).toBe(false);
  });

  it("a new row, or an update of one not on the page, refetches: only the server knows where it goes", () => {
    const data = page([post("1")]);
    for (const action of ["create", "update"] as const) {
      const out = patchList(data, { action, id: "9", record: post("9") }, {});
      expect(out).toEqual({ data, refetch: true });
    }
  });

  it("a removal takes the row out at once; exact on the last page, refetched when later rows move up", () => {
    const last = page([post("1"), post("2")], { totalItems: 5, page: 2, totalPages: 2 });
    const out = patchList(last, { action: "delete", id: "2" }, {});
    expect(out.data.items.map((p) => p.id)).toEqual(["1"]);
    expect(out.data.totalItems).toBe(4);
    expect(out.refetch).toBe(false);

    const first = page([post("1"), post("2"), post("3")], { totalItems: 5, totalPages: 2 });
    const gap = patchList(first, { action: "delete", id: "1" }, {});
    expect(gap.data.items.map((p) => p.id)).toEqual(["2", "3"]);
    expect(gap.data.totalPages).toBe(2);
    expect(gap.refetch).toBe(true);

    // Removed somewhere else: counts and page boundaries moved.
    expect(patchList(first, { action: "delete", id: "9" }, {})).toEqual({ data: first, refetch: true });
  });

  it("ids compare as text, so a serial id from JSON matches a numeric one", () => {
    const data = page([{ id: 7, name: "a" }]);
    const out = patchList(data, { action: "update", id: "7", record: { id: 7, name: "b" } }, {});
    expect(out.data.items[0]?.name).toBe("b");
  });
});

describe("patchRecord", () => {
  it("an update replaces the fields and keeps what was expanded; refetches when there is an expansion", () => {
    const plain = patchRecord(post("1"), { action: "update", id: "1", record: post("1", { title: "New" }) });
    expect(plain).toEqual({ data: post("1", { title: "New" }), refetch: false, removed: false });

    const expanded = post("1", { expand: { tags: [] } });
    const out = patchRecord(expanded, { action: "update", id: "1", record: post("1", { title: "New" }) });
    expect(out.data).toEqual({ ...post("1", { title: "New" }), expand: { tags: [] } });
    expect(out.refetch).toBe(true);
  });

  it("a removal keeps the data (the page decides what to show) and says removed", () => {
    const data = post("1");
    expect(patchRecord(data, { action: "delete", id: "1" })).toEqual({ data, refetch: false, removed: true });
  });
});

describe("changedFields", () => {
  it("dates compare by time, objects by value, expand never counts", () => {
    const a = { id: 1, at: at(1), tags: ["x"], expand: { a: 1 } };
    const b = { id: 1, at: at(1), tags: ["x"], expand: { a: 2 } };
    expect(changedFields(a, b)).toEqual([]);
    expect(changedFields(a, { ...b, at: at(2), extra: true })).toEqual(["at", "extra"]);
  });
});
