import { describe, expect, it } from "vitest";
import type { FormFieldSpec } from "./form-fields";
import { draftsOf, isNewer, keepMine, remoteChanges, sameVersion } from "./remote-changes";
import { fieldSpec } from "./testing";

const field = (name: string, extra: Partial<FormFieldSpec> = {}) =>
  fieldSpec({ name, label: name.charAt(0).toUpperCase() + name.slice(1), ...extra });
const specs = [field("title"), field("body"), field("status"), field("slug", { editable: false })];
const saved = (minute: number, values: Record<string, unknown>) => ({
  id: "p1",
  updatedAt: new Date(Date.UTC(2026, 10, 24, 9, minute)),
  ...values,
});

describe("someone else saved the record this form edits", () => {
  const base = saved(0, { title: "One", body: "Body", status: "draft", slug: "one" });
  const theirs = saved(5, { title: "Two", body: "Body", status: "draft", slug: "two" });

  it("a later save is newer; the same save (this form's own, echoed back) or an older one is not", () => {
    expect(isNewer(theirs, base)).toBe(true);
    expect(isNewer(saved(0, {}), base)).toBe(false);
    expect(isNewer(base, theirs)).toBe(false);
    // Without updatedAt only identity can tell.
    const plain = { id: 1, name: "a" };
    expect(isNewer(plain, plain)).toBe(false);
    expect(isNewer({ ...plain }, plain)).toBe(true);
  });

  it("tells the same saved version (a save this page made itself) from a later one", () => {
    const answer = saved(6, { title: "Two" });
    expect(sameVersion(answer, { ...answer, expand: {} })).toBe(true);
    expect(sameVersion(answer, saved(7, { title: "Two" }))).toBe(false);
    expect(sameVersion({ id: "p" }, { id: "p" })).toBe(false);
  });

  it("names the editable fields on screen they changed, not read-only ones", () => {
    expect(remoteChanges(specs, draftsOf(specs, base), draftsOf(specs, theirs)).map((s) => s.name)).toEqual(["title"]);
  });

  it("keep my edits: their value where this reader did not touch a field, the reader's where they did", () => {
    const baseline = draftsOf(specs, base);
    const mine = { ...baseline, title: "Mine", body: "My body" };
    const remote = draftsOf(specs, saved(6, { title: "Two", body: "Body", status: "published", slug: "two" }));
    expect(keepMine(specs, mine, baseline, remote)).toEqual({
      title: "Mine",
      body: "My body",
      status: "published",
      slug: "two",
    });
  });
});
