import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appConfig } from "@/atrium.config";
import { accentForeground, accentVariables, contrastRatio, parseHexColour } from "./accent";

const channel = fc.integer({ min: 0, max: 255 });
const rgb = fc.record({ r: channel, g: channel, b: channel });
const hex = (n: number) => n.toString(16).padStart(2, "0");

describe("the accent colour", () => {
  it("parses #rrggbb and #rgb in any case, back to the same channels", () => {
    fc.assert(
      fc.property(rgb, fc.boolean(), ({ r, g, b }, upper) => {
        const text = `#${hex(r)}${hex(g)}${hex(b)}`;
        expect(parseHexColour(upper ? text.toUpperCase() : text)).toEqual({ r, g, b });
      }),
    );
    expect(parseHexColour("#4af")).toEqual({ r: 0x44, g: 0xaa, b: 0xff });
  });

  it("refuses anything that is not a hex colour", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(text));
        expect(parseHexColour(text)).toBeNull();
      }),
    );
    for (const bad of ["red", "#12345", "#1234567", "4f46e5", "#ggg", " #fff", "#fff;}body{"]) {
      expect(parseHexColour(bad)).toBeNull();
      expect(() => accentVariables(bad)).toThrow(/atrium\.config\.ts: accent/);
    }
  });

  it("always picks a foreground that reads on the accent (WCAG AA, 4.5:1)", () => {
    fc.assert(
      fc.property(rgb, (accent) => {
        const fg = parseHexColour(accentForeground(accent));
        expect(fg).not.toBeNull();
        if (fg) expect(contrastRatio(accent, fg)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it("the shipped atrium.config.ts is valid: a colour, and a logo that exists in public/", () => {
    expect(accentVariables(appConfig.accent)).toMatchObject({ "--atrium-accent": appConfig.accent });
    expect(existsSync(path.join(import.meta.dirname, "../../public", appConfig.logo))).toBe(true);
    expect(appConfig.name.trim()).not.toBe("");
  });
});
