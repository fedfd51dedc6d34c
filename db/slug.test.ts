import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("folds accents, drops punctuation and joins words with dashes", () => {
    expect(slugify("  Héllo, Wörld! Ça va?  ")).toBe("hello-world-ca-va");
  });
  it("never ends in a dash after truncation", () => {
    const slug = slugify(`${"a".repeat(79)} bcd`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });
});
