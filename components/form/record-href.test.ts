/** `{field}` addresses, the serialisable `redirectTo` / `rowHref`: filled, encoded, and loud about a wrong name. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillHref, hrefFields } from "./record-href";

describe("fillHref", () => {
  it("fills each placeholder from the record", () => {
    expect(fillHref("/admin/tags/{id}", { id: "t1" })).toBe("/admin/tags/t1");
    expect(fillHref("/posts/{slug}?from={authorId}", { slug: "hello", authorId: 7 })).toBe("/posts/hello?from=7");
    expect(fillHref("/thanks", { id: "x" })).toBe("/thanks");
    expect(hrefFields("/a/{id}/b/{slug}")).toEqual(["id", "slug"]);
  });

  it("throws, naming the field, for a name the record has no value for", () => {
    expect(() => fillHref("/posts/{slg}", { slug: "hello" })).toThrow(/\{slg\}/);
    expect(() => fillHref("/posts/{expand}", { expand: { author: {} } })).toThrow(/\{expand\}/);
  });

  it("for any value, encodes it so the address keeps its shape", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const href = fillHref("/x/{v}/y", { v: value });
        expect(href.startsWith("/x/")).toBe(true);
        expect(href.endsWith("/y")).toBe(true);
        expect(href.slice(3, -2)).not.toMatch(/[/?#]/);
        expect(decodeURIComponent(href.slice(3, -2))).toBe(value);
      }),
    );
  });
});
