import { diffWords } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formattersFor } from "@/components/format/formatters";
import {
  collapseDiff,
  formatValue,
  isLongText,
  linkChange,
  linkNames,
  orderedKeys,
  UNSEEN_RECORD,
} from "./history-format";

const en = formattersFor("en-US", "UTC");
const de = formattersFor("de-DE", "Europe/Berlin");

describe("history values in words", () => {
  it("formats recorded values for the reader's locale, never as ISO strings or raw JSON booleans", () => {
    const moment = "2026-03-01T14:05:00.000Z";
    expect(formatValue({ type: "date", widget: "datetime" }, moment, en)).toBe("Mar 1, 2026, 2:05 PM");
    expect(formatValue({ type: "date", widget: "datetime" }, moment, de)).toBe("01.03.2026, 15:05");
    expect(formatValue({ type: "date", widget: "date" }, "2026-03-01T00:00:00.000Z", de)).toBe("01.03.2026");
    expect(formatValue({ type: "boolean", widget: "switch" }, false, en)).toBe("No");
    expect(formatValue({ type: "decimal", widget: "decimal", scale: 2 }, "1234.5", de)).toBe("1.234,50");
    expect(formatValue({ type: "integer", widget: "number" }, 12345, en)).toBe("12,345");
    expect(formatValue({ type: "enum", widget: "select" }, "in_review", en)).toBe("In review");
    expect(formatValue({ type: "array", widget: "tags", items: "integer" }, [1000, 2], en)).toBe("1,000, 2");
    expect(formatValue(undefined, moment, en)).toBe("Mar 1, 2026, 2:05 PM");
    expect(formatValue({ type: "text", widget: "text" }, moment, en)).toBe(moment);
    expect(formatValue({ type: "text", widget: "text" }, null, en)).toBe("");
  });

  it("names files by their names, never their descriptors", () => {
    const cover = { id: "00000000-0000-4000-8000-000000000001", name: "cover.png", size: 10, type: "image/png" };
    const next = { ...cover, id: "00000000-0000-4000-8000-000000000002", name: "new-cover.png" };
    const pdf = { ...cover, id: "00000000-0000-4000-8000-000000000003", name: "a.pdf", type: "application/pdf" };
    expect(formatValue({ type: "file", widget: "file" }, cover, en)).toBe("cover.png");
    expect(formatValue({ type: "file", widget: "file" }, next, en)).toBe("new-cover.png");
    expect(formatValue({ type: "file", widget: "file" }, [pdf, cover], en)).toBe("a.pdf, cover.png");
    expect(formatValue({ type: "file", widget: "file" }, [], en)).toBe("");
    // Without the field's descriptor too.
    expect(formatValue(undefined, [pdf, cover], en)).toBe("a.pdf, cover.png");
    expect(formatValue(undefined, cover, en)).toBe("cover.png");
  });

  it("names link targets by title, and the ones the reader cannot see without their ids", () => {
    const refs = { tags: { a: { title: "Coffee", deleted: false }, b: { title: "Travel", deleted: true }, c: null } };
    expect(linkChange(["b", "c"], ["a", "c"])).toEqual({ added: ["a"], removed: ["b"] });
    expect(linkNames(refs, "tags", ["a", "b"])).toEqual(["Coffee", "Travel (deleted)"]);
    expect(linkNames(refs, "tags", ["c"])).toEqual([UNSEEN_RECORD]);
    expect(linkNames(refs, "tags", ["c", "hidden:2"])).toEqual(["2 records you cannot see"]);
  });

  it("orders keys as the form does and diffs only long or markdown text word by word", () => {
    const meta = {
      fields: [{ name: "title" }, { name: "body" }],
      relations: [{ name: "tags" }],
    } as unknown as Parameters<typeof orderedKeys>[0];
    expect(orderedKeys(meta, ["tags", "zzz", "body", "title"])).toEqual(["title", "body", "tags", "zzz"]);
    expect(isLongText(undefined, "short", "also short")).toBe(false);
    expect(isLongText(undefined, "one\ntwo", "one")).toBe(true);
    expect(isLongText({ type: "text", widget: "markdown" } as never, "a", "b")).toBe(true);
  });
});

describe("collapsed word diffs", () => {
  it("shows a one-word edit in a long text as the word and a few words around it", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const before = words.join(" ");
    const after = words.map((w) => (w === "word200" ? "changed" : w)).join(" ");
    const parts = collapseDiff(diffWords(before, after));
    const shown = parts.map((p) => (p.kind === "elided" ? "…" : p.text)).join("");
    expect(shown.length).toBeLessThan(200);
    expect(parts).toContainEqual({ kind: "removed", text: "word200" });
    expect(parts).toContainEqual({ kind: "added", text: "changed" });
    expect(shown).toContain("word194 word195");
    expect(shown).toContain("word205");
  });

  it("never drops changed text and never elides short stretches (property)", () => {
    const text = fc
      .array(fc.constantFrom("alpha", "beta", "gamma", "delta", "\n", "x"), { maxLength: 60 })
      .map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const changes = diffWords(before, after);
        const parts = collapseDiff(changes, 3);
        const changed = (kind: "added" | "removed") => parts.flatMap((p) => (p.kind === kind ? [p.text] : [])).join("");
        expect(changed("added")).toBe(
          changes
            .filter((c) => c.added)
            .map((c) => c.value)
            .join(""),
        );
        expect(changed("removed")).toBe(
          changes
            .filter((c) => c.removed)
            .map((c) => c.value)
            .join(""),
        );
        // Without an elision, the parts are the diff itself, change for change.
        if (!parts.some((p) => p.kind === "elided")) {
          const kind = (c: (typeof changes)[number]) => (c.added ? "added" : c.removed ? "removed" : "same");
          expect(parts).toEqual(changes.map((c) => ({ kind: kind(c), text: c.value })));
        }
        // Every kept stretch is a piece of the text it came from.
        for (const p of parts)
          if (p.kind === "same") expect(before.includes(p.text) || after.includes(p.text)).toBe(true);
      }),
    );
  });
});
