/** A value written as a cell by the export reads back as the same value (pure: the column kinds, no database). */
import { boolean, date, integer, jsonb, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellFormat, escapeFormula, toCell } from "../export/cells";
import { fromCell, unescapeFormula } from "./cells";

const table = pgTable("cells", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  note: text("note"),
  count: integer("count"),
  price: numeric("price", { precision: 10, scale: 2 }),
  flag: boolean("flag"),
  day: date("day", { mode: "date" }),
  data: jsonb("data"),
  tags: text("tags").array(),
});
const c = table as unknown as Record<string, Parameters<typeof fromCell>[0]>;
const roundTrip = (column: keyof typeof table.$inferSelect, value: unknown) => {
  const cell = toCell(value, cellFormat(c[column] as never, false));
  const back = fromCell(c[column] as never, column, cell);
  return "value" in back ? back.value : back;
};

describe("cells", () => {
  it("escapes formula starts and apostrophes, and takes the escape off again", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeFormula(text);
        expect(/^[=+\-@\t\r]/.test(escaped)).toBe(false);
        expect(unescapeFormula(escaped)).toBe(text);
      }),
    );
  });

  it("round-trips each kind", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer(), fc.boolean(), (s, n, b) => {
        expect(roundTrip("note", s)).toBe(s);
        expect(roundTrip("count", n)).toBe(n);
        expect(roundTrip("flag", b)).toBe(b);
        expect(roundTrip("tags", [s, "x,y"])).toEqual([s, "x,y"]);
        expect(roundTrip("data", { s, n: [n] })).toEqual({ s, n: [n] });
      }),
    );
    expect(roundTrip("price", "12.50")).toBe("12.50");
    expect(roundTrip("day", new Date(Date.UTC(2026, 1, 3)))).toBe("2026-02-03");
  });

  it("reads an empty cell as NULL when the column takes it, else as no value", () => {
    expect(fromCell(c.note as never, "note", "")).toEqual({ value: null });
    expect(fromCell(c.name as never, "name", "")).toEqual({ omit: true });
    expect(fromCell(c.data as never, "data", "{nope")).toHaveProperty("error");
    expect(fromCell(c.count as never, "count", "12 apples")).toEqual({ value: "12 apples" });
  });
});
