import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutLeadingTitle } from "./leading-title";

describe("withoutLeadingTitle", () => {
  it("drops a first heading that repeats the title", () => {
    expect(withoutLeadingTitle("# Notes on Coffee\n\nBody text.", "Notes on Coffee")).toBe("Body text.");
    expect(withoutLeadingTitle("  # notes on **coffee** #\r\nBody", "Notes on Coffee")).toBe("Body");
    expect(withoutLeadingTitle("# Notes on Coffee", "Notes on Coffee")).toBe("");
  });

  it("keeps any other heading, and bodies without one", () => {
    expect(withoutLeadingTitle("# Introduction\n\nBody", "Notes on Coffee")).toBe("# Introduction\n\nBody");
    expect(withoutLeadingTitle("## Notes on Coffee\nBody", "Notes on Coffee")).toBe("## Notes on Coffee\nBody");
    expect(withoutLeadingTitle("Body # Notes on Coffee", "Notes on Coffee")).toBe("Body # Notes on Coffee");
  });

  it("only ever removes a prefix, and leaves a body without a leading heading unchanged", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (body, title) => {
        const out = withoutLeadingTitle(body, title);
        expect(body.endsWith(out) || body.trimStart().startsWith("#")).toBe(true);
        if (!/^\s*#[ \t]/.test(body)) expect(out).toBe(body);
      }),
    );
  });
});
