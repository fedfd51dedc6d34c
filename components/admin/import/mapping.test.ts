/** Column matching and the CSV reading of the import page (pure: no browser, no database). */

import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchesOf } from "./batches";
import { autoMap, duplicateFields, mappedRow, missingFields } from "./mapping";
import { parseCsv } from "./parse";

const fields = [
  { name: "title", label: "Title", required: true },
  { name: "publishedAt", label: "Published", required: false },
  { name: "authorId", label: "Author", required: true },
];

describe("autoMap", () => {
  it("matches by name, then by label ignoring case and punctuation, each field once", () => {
    expect(autoMap(["title", "Published", "published_at", "AUTHOR", "title", "other"], fields)).toEqual([
      "title",
      "publishedAt",
      null,
      "authorId",
      null,
      null,
    ]);
    expect(autoMap(["published at"], fields)).toEqual(["publishedAt"]);
  });

  it("says which fields two columns fill and which required ones none does", () => {
    expect(duplicateFields(["title", null, "title"])).toEqual(["title"]);
    expect(missingFields(["title", null], fields).map((f) => f.name)).toEqual(["authorId"]);
    expect(mappedRow(["a", "b", "c"], ["title", null, "authorId"])).toEqual({ title: "a", authorId: "c" });
  });
});

describe("parseCsv", () => {
  it("reads back any cells csv-stringify writes", () => {
    const cell = fc.string({ unit: "grapheme", maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const data = rows.filter((r) => r.join("").trim() !== "");
        const parsed = parseCsv(stringify([["a", "b", "c"], ...data]));
        expect(parsed.error).toBeNull();
        expect(parsed.rows).toEqual(data);
      }),
    );
  });

  it("flags rows of another width, drops a byte-order mark, refuses an unclosed quote", () => {
    const parsed = parseCsv("\uFEFFa,b\n1,2\n3\n4,5,6\n");
    expect(parsed.header).toEqual(["a", "b"]);
    expect(parsed.rows).toEqual([
      ["1", "2"],
      ["3", ""],
      ["4", "5"],
    ]);
    expect([...parsed.ragged]).toEqual([
      [3, 1],
      [4, 3],
    ]);
    expect(parseCsv('a,b\n"1,2\n').error).toMatch(/quote/);
  });
});

describe("batchesOf", () => {
  const row = (n: number, text = "x") => ({ row: n, data: { title: text } });

  it("keeps rows consecutive, within the row count and the byte budget", () => {
    const { batches } = batchesOf([row(2), row(3), row(4), row(6), row(7)], 2);
    expect(batches.map((b) => b.map((r) => r.row))).toEqual([[2, 3], [4], [6, 7]]);
    const big = "é".repeat(200_000);
    const sized = batchesOf([row(2, big), row(3, big), row(4)], 100);
    expect(sized.batches.map((b) => b.map((r) => r.row))).toEqual([[2], [3, 4]]);
  });

  it("refuses a row no call could carry", () => {
    const { batches, tooLarge } = batchesOf([row(2), row(3, "x".repeat(1_000_000)), row(4)], 100);
    expect(tooLarge.map((r) => r.row)).toEqual([3]);
    expect(batches.map((b) => b.map((r) => r.row))).toEqual([[2], [4]]);
  });
});
