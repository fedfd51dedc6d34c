/** The shared judgement and wording of file refusals, used by the upload routes and the browser alike. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accepts, describeAccept, fileRefusal, formatBytes } from "./wording";

describe("accepts", () => {
  it("admits anything without a list", () => {
    expect(accepts(undefined, "application/x-msdownload")).toBe(true);
    expect(accepts([], "text/plain")).toBe(true);
  });

  it("matches exact types and families, ignoring case and parameters", () => {
    const cases: [readonly string[], string, boolean][] = [
      [["application/pdf"], "application/pdf", true],
      [["application/pdf"], "application/pdfx", false],
      [["image/*"], "image/png", true],
      [["image/*"], "Image/PNG", true],
      [["IMAGE/*"], "image/webp", true],
      [["image/*"], "application/xml", false],
      [["image/*"], "imagex/png", false],
      [["text/plain; charset=utf-8"], "TEXT/PLAIN", true],
      [["text/plain"], "text/plain;charset=utf-8", true],
      [["audio/ogg"], "audio/ogg; codecs=opus", true],
      [["image/*", "application/pdf"], "application/pdf", true],
      [["image/png"], "image/svg+xml", false],
      [["*/*"], "application/octet-stream", true],
      [["image/*"], "image", false],
    ];
    for (const [accept, type, expected] of cases) expect(accepts(accept, type), `${accept} ${type}`).toBe(expected);
  });
});

describe("formatBytes", () => {
  it("words sizes in powers of 1024, with at most one decimal", () => {
    expect(formatBytes(10 * 1024 ** 2)).toBe("10 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5 GB");
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), (n) => {
        expect(formatBytes(n)).toMatch(/^(\d+ bytes|\d+(\.\d)? (KB|MB|GB))$/);
      }),
    );
  });
});

describe("fileRefusal", () => {
  it("names the field, the limit and what the file is", () => {
    expect(fileRefusal.tooLarge("Cover image", 10 * 1024 ** 2)).toBe("Cover image takes files up to 10 MB.");
    expect(fileRefusal.empty("Attachments")).toBe("Attachments: the file is empty.");
    expect(fileRefusal.wrongType("Cover image", ["image/*"], "Text/Plain; charset=utf-8")).toBe(
      "Cover image accepts image files; this file is text/plain.",
    );
    expect(describeAccept(["image/*", "application/pdf"])).toBe("image files, application/pdf");
    expect(describeAccept(undefined)).toBe("any file");
  });
});
