import { describe, expect, it } from "vitest";
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

  it("a required text left empty is missing, a nullable one is null", () => {
    expect(fromDraft(spec("text", { required: true }), "", "create")).toEqual({
      ok: false,
      error: "Field is required",
    });
    expect(fromDraft(spec("textarea", { nullable: true }), "", "update")).toEqual({ ok: true, value: null });
    expect(fromDraft(spec("switch"), false, "create")).toEqual({ ok: true, value: false });
  });
});
