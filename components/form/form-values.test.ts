import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECIMAL_PATTERN } from "@/server/core/decimal";
import type { FieldDescriptor } from "./field-kinds";
import type { FormFieldSpec } from "./form-fields";
import { fromDraft, sameDraft, toDraft } from "./form-values";
import { fieldSpec } from "./testing";

const spec = (widget: FormFieldSpec["widget"], extra: Partial<FormFieldSpec> = {}) => fieldSpec({ widget, ...extra });

describe("drafts and values", () => {
  it("a date is the calendar day at UTC midnight, both ways", () => {
    const date = spec("date", { nullable: true });
    expect(toDraft(date, new Date("2026-12-31T00:00:00.000Z"))).toBe("2026-12-31");
    expect(fromDraft(date, "2026-12-31", "create")).toEqual({ ok: true, value: new Date("2026-12-31T00:00:00.000Z") });
    expect(fromDraft(date, "", "update")).toEqual({ ok: true, value: null });
  });

  it("a date and time is read and written in the browser's time zone", () => {
    const moment = new Date(2026, 11, 24, 18, 30);
    const draft = toDraft(spec("datetime"), moment);
    expect(draft).toBe("2026-12-24T18:30");
    expect(fromDraft(spec("datetime"), draft, "create")).toEqual({ ok: true, value: moment });
  });

  it("an empty number is null, the server's default, or missing, depending on the field", () => {
    expect(fromDraft(spec("number", { nullable: true }), " ", "create")).toEqual({ ok: true, value: null });
    expect(fromDraft(spec("number"), "", "create")).toEqual({ ok: true, value: undefined });
    expect(fromDraft(spec("number"), "", "update")).toEqual({ ok: false, error: "Field is required" });
    expect(fromDraft(spec("number"), "1e", "create")).toEqual({ ok: false, error: "Field must be a number" });
    expect(fromDraft(spec("number"), "-2.5", "create")).toEqual({ ok: true, value: -2.5 });
  });

  it("JSON parses, or says why not", () => {
    expect(toDraft(spec("json"), { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(fromDraft(spec("json"), '{"a": [1]}', "create")).toEqual({ ok: true, value: { a: [1] } });
    const bad = fromDraft(spec("json"), "{oops", "create");
    expect(bad.ok === false && bad.error).toMatch(/^Field is not valid JSON: /);
  });

  it("pickers hold the record's title from the expanded relation and send ids", () => {
    const author = spec("relation", { target: { resource: "users", titleField: "name", relation: "author" } });
    const draft = toDraft(author, "u1", { author: { id: "u1", name: "Ada" } });
    expect(draft).toEqual({ id: "u1", label: "Ada" });
    expect(fromDraft(author, draft, "update")).toEqual({ ok: true, value: "u1" });
    expect(fromDraft(spec("relation", { required: true }), null, "create")).toEqual({
      ok: false,
      error: "Field is required",
    });
    const tags = spec("multiselect", {
      name: "tags",
      target: { resource: "tags", titleField: "name", relation: "tags" },
    });
    const picked = toDraft(tags, undefined, {
      tags: [
        { id: "t1", name: "One" },
        { id: "t2", name: "Two" },
      ],
    });
    expect(fromDraft(tags, picked, "update")).toEqual({ ok: true, value: ["t1", "t2"] });
    expect(
      sameDraft(picked, [
        { id: "t2", label: "" },
        { id: "t1", label: "x" },
      ]),
    ).toBe(true);
  });

  it("a file field's draft is its descriptor(s), or null / [] for none; required only when the column needs one", () => {
    const file = { id: "00000000-0000-4000-8000-000000000001", name: "a.png", size: 1, type: "image/png" };
    const cover = spec("file", {
      nullable: true,
      descriptor: { type: "file", file: {} } as unknown as FieldDescriptor,
    });
    const list = spec("file", { descriptor: { type: "file", file: { multiple: 10 } } as unknown as FieldDescriptor });
    const needed = spec("file", {
      required: true,
      descriptor: { type: "file", file: {} } as unknown as FieldDescriptor,
    });
    expect(toDraft(cover, file)).toEqual(file);
    expect(toDraft(cover, null)).toBeNull();
    expect(toDraft(list, [file, { junk: true }])).toEqual([file]);
    expect(toDraft(list, null)).toEqual([]);
    expect(fromDraft(cover, file, "update")).toEqual({ ok: true, value: file });
    expect(fromDraft(cover, null, "create")).toEqual({ ok: true, value: undefined });
    expect(fromDraft(cover, null, "update")).toEqual({ ok: true, value: null });
    expect(fromDraft(list, [], "create")).toEqual({ ok: true, value: undefined });
    expect(fromDraft(list, [], "update")).toEqual({ ok: true, value: [] });
    expect(fromDraft(needed, null, "create")).toEqual({ ok: false, error: "Field is required" });
    expect(sameDraft([file], [{ ...file }])).toBe(true);
    expect(sameDraft(file, { ...file, id: "00000000-0000-4000-8000-000000000002" })).toBe(false);
  });

  it("an empty field the server fills in is left to it on create, even a nullable one (a webhook's reader)", () => {
    const reader = kindSpec("uuid", "relation", { serverDefault: true, nullable: true });
    expect(fromDraft(reader, null, "create")).toEqual({ ok: true, value: undefined });
    expect(fromDraft(reader, null, "update")).toEqual({ ok: true, value: null });
  });

  it("a required text left empty is missing, a nullable one is null", () => {
    expect(fromDraft(spec("text", { required: true }), "", "create")).toEqual({
      ok: false,
      error: "Field is required",
    });
    expect(fromDraft(spec("textarea", { nullable: true }), "", "update")).toEqual({ ok: true, value: null });
    expect(fromDraft(spec("switch"), false, "create")).toEqual({ ok: true, value: false });
  });
});

/** A spec whose descriptor has the contract's kind (and precision, scale, items, options where given). */
function kindSpec(
  type: FieldDescriptor["type"],
  widget: FormFieldSpec["widget"],
  extra: Partial<FieldDescriptor> = {},
) {
  const descriptor: FieldDescriptor = {
    name: "f",
    type,
    label: "Amount",
    widget: widget === "multiselect" ? "tags" : widget,
    required: false,
    nullable: true,
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
  return fieldSpec({ widget, label: "Amount", nullable: descriptor.nullable, descriptor });
}

/** Decimal text of a column with `scale` places, from its digits as an integer: exact, as PostgreSQL returns it. */
function decimalText(digits: bigint, scale: number): string {
  const sign = digits < 0n ? "-" : "";
  const magnitude = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, "0");
  return scale === 0 ? `${sign}${magnitude}` : `${sign}${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`;
}

const INT8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

describe("drafts and values of the contract's kinds", () => {
  it("a decimal stays the exact text, padded to its scale, and never becomes a float", () => {
    const price = kindSpec("decimal", "decimal", { precision: 12, scale: 2 });
    expect(fromDraft(price, "1234.5", "create")).toEqual({ ok: true, value: "1234.50" });
    expect(fromDraft(price, "+007.10", "create")).toEqual({ ok: true, value: "7.10" });
    expect(fromDraft(price, "-0", "create")).toEqual({ ok: true, value: "0.00" });
    expect(fromDraft(price, "12abc", "create")).toEqual({ ok: false, error: "Amount must be a number, like 1234.50" });
    // Digits past the scale are kept for the schema to refuse, never rounded away here.
    expect(fromDraft(price, "1.234", "create")).toEqual({ ok: true, value: "1.234" });
    expect(toDraft(price, 1234.5)).toBe("1234.5");
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 10 }), (n, scale) => {
        const value = decimalText(n, scale);
        const spec = kindSpec("decimal", "decimal", { scale, precision: 60 });
        const draft = toDraft(spec, value);
        expect(draft).toBe(value);
        expect(fromDraft(spec, draft, "update")).toEqual({ ok: true, value: value === "-0" ? "0" : value });
      }),
    );
  });

  it("a bigint is a BigInt both ways, exact past 2^53", () => {
    const big = kindSpec("bigint", "number");
    expect(fromDraft(big, "9007199254740993", "create")).toEqual({ ok: true, value: 9007199254740993n });
    expect(fromDraft(big, "1.5", "create")).toEqual({ ok: false, error: "Amount must be a whole number" });
    fc.assert(
      fc.property(fc.bigInt(INT8), (n) => {
        const draft = toDraft(big, n);
        expect(draft).toBe(String(n));
        expect(fromDraft(big, draft, "create")).toEqual({ ok: true, value: n });
      }),
    );
  });

  it("an integer takes whole numbers only, a real any number but never hex or Infinity", () => {
    const count = kindSpec("integer", "number");
    const ratio = kindSpec("number", "number");
    expect(fromDraft(count, "2.5", "create")).toEqual({ ok: false, error: "Amount must be a whole number" });
    expect(fromDraft(count, "1e3", "create")).toEqual({ ok: false, error: "Amount must be a whole number" });
    expect(fromDraft(ratio, "1e3", "create")).toEqual({ ok: true, value: 1000 });
    expect(fromDraft(ratio, "0x10", "create")).toEqual({ ok: false, error: "Amount must be a number" });
    expect(fromDraft(ratio, "Infinity", "create")).toEqual({ ok: false, error: "Amount must be a number" });
    fc.assert(
      fc.property(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), (i, d) => {
        expect(fromDraft(count, toDraft(count, i), "create")).toEqual({ ok: true, value: i });
        expect(fromDraft(ratio, toDraft(ratio, d), "create")).toEqual({ ok: true, value: d === 0 ? 0 : d });
      }),
    );
  });

  it("a time of day shows as the time input does and goes back as the same time", () => {
    const alarm = kindSpec("time", "time");
    expect(toDraft(alarm, "14:05:00")).toBe("14:05");
    expect(toDraft(alarm, "14:05:30")).toBe("14:05:30");
    expect(fromDraft(alarm, "", "update")).toEqual({ ok: true, value: null });
    expect(fromDraft(alarm, "25:00", "update")).toEqual({ ok: false, error: "Amount must be a time like 14:30" });
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    fc.assert(
      fc.property(two(23), two(59), two(59), (h, m, s) => {
        const value = `${h}:${m}:${s}`;
        const sent = fromDraft(alarm, toDraft(alarm, value), "update");
        expect(sent).toEqual({ ok: true, value: s === "00" ? `${h}:${m}` : value });
      }),
    );
  });

  it("an array is its entries as chips, and the same array again", () => {
    const labels = kindSpec("array", "tags", { items: "text", nullable: false });
    const numbers = kindSpec("array", "tags", { items: "integer" });
    const moods = kindSpec("array", "tags", { items: "enum", options: ["sad", "ok", "happy"] });
    expect(toDraft(numbers, [1, 2])).toEqual(["1", "2"]);
    expect(fromDraft(numbers, ["1", "x"], "create")).toEqual({
      ok: false,
      error: "Each item of Amount must be a whole number",
    });
    expect(fromDraft(moods, ["meh"], "create")).toMatchObject({ ok: false });
    expect(fromDraft(labels, [], "update")).toEqual({ ok: true, value: [] });
    expect(fromDraft(numbers, [], "update")).toEqual({ ok: true, value: null });
    const word = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== "");
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 8 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 8 }),
        fc.subarray(["sad", "ok", "happy"]),
        (texts, ints, picked) => {
          for (const [spec, value] of [
            [labels, texts],
            [numbers, ints],
            [moods, picked],
          ] as const) {
            const draft = toDraft(spec, value);
            const back = fromDraft(spec, draft, "update");
            expect(back).toEqual({ ok: true, value: value.length === 0 && spec.nullable ? null : value });
            expect(sameDraft(draft, toDraft(spec, back.ok ? back.value : undefined))).toBe(true);
          }
        },
      ),
    );
  });

  it("entries compare in order, picked records as a set", () => {
    expect(sameDraft(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameDraft(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameDraft([], [])).toBe(true);
  });

  it("reads any typed text as a value of the field's kind or a labelled message, never throwing", () => {
    const specs = [
      kindSpec("decimal", "decimal", { precision: 8, scale: 2 }),
      kindSpec("bigint", "number"),
      kindSpec("integer", "number"),
      kindSpec("number", "number"),
      kindSpec("time", "time"),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.string({ maxLength: 30 }), (spec, text) => {
        const parsed = fromDraft(spec, text, "create");
        if (!parsed.ok) {
          expect(parsed.error).toMatch(/^Amount /);
          return;
        }
        const { value } = parsed;
        if (value === null) return;
        const kind = spec.descriptor?.type;
        if (kind === "decimal") expect(value).toMatch(DECIMAL_PATTERN);
        if (kind === "bigint") expect(typeof value).toBe("bigint");
        if (kind === "integer") expect(Number.isInteger(value)).toBe(true);
        if (kind === "number") expect(Number.isFinite(value)).toBe(true);
        if (kind === "time") expect(value).toMatch(/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/);
      }),
    );
  });
});
