/**
 * Fitting a table's default columns to its box: never wider than the box, the sorted-by column first to stay, no
 * column left out that would still have fitted, and the order on screen unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  byRank,
  cardFields,
  cardMedia,
  columnWidth,
  type FitField,
  fitColumns,
  isImageField,
  spareWidth,
} from "./column-fit";

const KINDS = ["text", "enum", "boolean", "integer", "number", "date", "uuid", "json"] as const;

/** The posts table as `meta` describes it (the fields the admin list offers by default). */
const POSTS: FitField[] = [
  { name: "slug", type: "text", label: "Slug", sortable: false },
  { name: "status", type: "enum", label: "Status", sortable: true },
  { name: "authorId", type: "uuid", label: "Author", sortable: false, relation: { name: "author" } },
  { name: "publishedAt", type: "date", label: "Published", sortable: true },
  { name: "createdAt", type: "date", label: "Created", sortable: true },
];
const byName = (fields: FitField[]) => new Map(fields.map((f) => [f.name, f]));
const names = POSTS.map((f) => f.name);

describe("fitColumns", () => {
  it("keeps /admin/posts inside its box at 1280 px (976 px beside the sidebar): the sorted-by column stays", () => {
    const shown = fitColumns({
      fields: byName(POSTS),
      candidates: names,
      sort: ["createdAt"],
      dayFields: new Set(),
      width: 974,
      selectable: true,
    });
    // Published does not fit beside them, and Slug (narrower, but less telling) does not take its place.
    expect(shown).toEqual(["status", "authorId", "createdAt"]);
  });

  it("shows every default column when the box is wide enough", () => {
    const shown = fitColumns({
      fields: byName(POSTS),
      candidates: names,
      sort: ["createdAt"],
      dayFields: new Set(),
      width: 1600,
      selectable: true,
    });
    expect(shown).toEqual(names);
  });

  const field = fc.record({
    type: fc.constantFrom(...KINDS),
    label: fc.string({ minLength: 1, maxLength: 24 }),
    sortable: fc.boolean(),
    relation: fc.option(fc.constant({ name: "r" }), { nil: undefined }),
  });
  const scenario = fc.uniqueArray(field, { maxLength: 12, selector: (f) => f.label }).chain((raw) => {
    const fields = raw.map((f, i) => ({ ...f, name: `f${i}` }));
    return fc.record({
      fields: fc.constant(fields),
      sort: fc.subarray(fields.map((f) => f.name)),
      days: fc.subarray(fields.map((f) => f.name)),
      width: fc.integer({ min: 0, max: 3000 }),
      selectable: fc.boolean(),
    });
  });

  it("never asks for more room than the box has, keeps display order, and keeps the most important ones", () => {
    fc.assert(
      fc.property(scenario, ({ fields, sort, days, width, selectable }) => {
        const candidates = fields.map((f) => f.name);
        const dayFields = new Set(days);
        const shown = fitColumns({ fields: byName(fields), candidates, sort, dayFields, width, selectable });
        const need = (name: string) => columnWidth(byName(fields).get(name) as FitField, dayFields.has(name));
        const used = shown.reduce((sum, name) => sum + need(name), 0);
        const spare = spareWidth(width, selectable);
        expect(used).toBeLessThanOrEqual(Math.max(spare, 0));
        expect(shown).toEqual(candidates.filter((name) => shown.includes(name)));
        // What is shown is the head of the ranking, and the first one left out would not have fitted.
        const ranked = byRank(byName(fields), candidates, sort);
        expect(new Set(ranked.slice(0, shown.length))).toEqual(new Set(shown));
        const next = ranked[shown.length];
        if (next) expect(used + need(next)).toBeGreaterThan(spare);
        // The primary sort column is the first to stay: if it fits at all, it is shown.
        const primary = sort[0];
        if (primary && need(primary) <= spare) expect(shown).toContain(primary);
      }),
    );
  });
});

describe("cardFields", () => {
  it("picks the few most telling fields, the sorted-by one first, in display order", () => {
    expect(cardFields(byName(POSTS), names, ["publishedAt"])).toEqual(["status", "authorId", "publishedAt"]);
    expect(cardFields(byName(POSTS), names, ["createdAt"], 2)).toEqual(["status", "createdAt"]);
  });
});

describe("file columns", () => {
  const avatar = {
    name: "avatar",
    type: "file",
    label: "Avatar",
    sortable: false,
    file: { accept: ["image/*"], thumbs: ["64x64", "256x256"] },
  };
  const attachments = { name: "attachments", type: "file", label: "Attachments", sortable: false, file: {} };

  it("give a picture column a thumbnail's width and keep it before most kinds; other files are long text", () => {
    expect(isImageField(avatar)).toBe(true);
    expect(isImageField(attachments)).toBe(false);
    expect(columnWidth(avatar, false)).toBeLessThan(columnWidth(attachments, false));
    const fields = new Map(
      [avatar, attachments, { name: "ok", type: "boolean", label: "OK", sortable: false }].map((f) => [f.name, f]),
    );
    expect(byRank(fields, ["attachments", "ok", "avatar"], [])).toEqual(["avatar", "ok", "attachments"]);
  });

  it("lead a card with the first picture field", () => {
    expect(cardMedia({ columns: [attachments, avatar] }, ["attachments", "avatar"])).toBe("avatar");
    expect(cardMedia({ columns: [attachments, avatar] }, ["attachments"])).toBeUndefined();
  });
});
