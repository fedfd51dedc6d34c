import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pagerText } from "./pager-text";

const noun = { one: "Post", many: "Posts" };

describe("pagerText", () => {
  it("says the count and the pages as they are", () => {
    expect(pagerText({ page: 2, totalItems: 93, totalPages: 5 }, noun, "en")).toBe("Page 2 of 5, 93 posts");
    expect(pagerText({ page: 1, totalItems: 1, totalPages: 1 }, noun, "en")).toBe("Page 1 of 1, 1 post");
    expect(pagerText({ page: 1, totalItems: 0, totalPages: 0 }, noun, "en")).toBe("Page 1 of 1, 0 posts");
    expect(pagerText({ page: 1, totalItems: -1, totalPages: -1 }, noun, "en")).toBeNull();
  });

  it("says an estimate is one, compactly", () => {
    const text = pagerText({ page: 2, totalItems: 1_200_000, totalPages: 60_000, estimated: true }, noun, "en");
    expect(text).toBe("Page 2 of about 60,000, about 1.2M posts");
    // Paged past an estimate that fell short: the page reached is the figure.
    const past = pagerText({ page: 7, totalItems: 110, totalPages: 6, estimated: true }, noun, "en");
    expect(past).toBe("Page 7 of about 7, about 110 posts");
  });

  it("never shows a page past the last of an exact total, and never hides one under an estimate", () => {
    const count = fc.record({
      page: fc.integer({ min: 1, max: 1e6 }),
      totalItems: fc.integer({ min: 0, max: 1e9 }),
      perPage: fc.integer({ min: 1, max: 100 }),
      estimated: fc.boolean(),
    });
    fc.assert(
      fc.property(count, ({ page, totalItems, perPage, estimated }) => {
        const totalPages = Math.ceil(totalItems / perPage);
        const text = pagerText({ page, totalItems, totalPages, estimated }, noun, "en") ?? "";
        const [, shown, last] = text.match(/^Page ([\d,]+) of (?:about )?([\d,]+),/) ?? [];
        const n = (s: string | undefined) => Number(s?.replaceAll(",", ""));
        expect(n(shown)).toBeLessThanOrEqual(n(last));
        expect(text.includes("about")).toBe(estimated);
        if (estimated) expect(n(shown)).toBe(page);
        else expect(n(last)).toBe(Math.max(totalPages, 1));
      }),
    );
  });
});
