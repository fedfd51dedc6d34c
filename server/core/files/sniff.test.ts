/** Sniffing a file's type from its bytes, and the names, headers and inline rules that follow from it. */
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { contentDisposition, isInlineSafe, MAX_NAME_LENGTH, SNIFF_BYTES, safeFileName, sniffType } from "./sniff";

const utf8 = (text: string) => new TextEncoder().encode(text);

function randomBytes(seed: number, length: number): Uint8Array {
  // xorshift32: the same "random" bytes on every run, so a chance signature match cannot make the test flaky.
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** A 1x1 24-bit BMP, built by hand because sharp does not write BMP. */
function bmp(): Uint8Array {
  const file = Buffer.alloc(58);
  file.write("BM", 0, "latin1");
  file.writeUInt32LE(58, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(1, 18);
  file.writeInt32LE(1, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(4, 34);
  return file;
}

describe("sniffType", () => {
  it("reads callers' heads of 4100 bytes", () => {
    expect(SNIFF_BYTES).toBe(4100);
  });

  it("knows images by their bytes, whatever the file was called", async () => {
    const image = sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } });
    const cases = [
      [await image.clone().png().toBuffer(), "image/png"],
      [await image.clone().jpeg().toBuffer(), "image/jpeg"],
      [await image.clone().webp().toBuffer(), "image/webp"],
      [await image.clone().gif().toBuffer(), "image/gif"],
      [bmp(), "image/bmp"],
    ] as const;
    for (const [bytes, type] of cases) expect(await sniffType(bytes.subarray(0, SNIFF_BYTES))).toBe(type);
  });

  it("knows a PDF by its magic", async () => {
    expect(await sniffType(utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"))).toBe(
      "application/pdf",
    );
  });

  it("calls HTML, SVG without a declaration, JSON and plain prose text/plain", async () => {
    for (const text of [
      "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
      '{"a": [1, 2]}\n',
      "Dear Mia,\r\n\tthe minutes are attached.\f\x1b[1mbold\x1b[0m\n",
      "BMW is a car, not a bitmap.\n",
      "",
    ]) {
      expect(await sniffType(utf8(text))).toBe("text/plain");
    }
  });

  it("keeps file-type's application/xml for anything with an XML declaration, SVG included", async () => {
    expect(await sniffType(utf8('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      "application/xml",
    );
    expect(await sniffType(utf8('<?xml version="1.0"?><note><to>Mia</to></note>'))).toBe("application/xml");
  });

  it("calls random bytes application/octet-stream", async () => {
    for (const seed of [1, 42, 2024, 0x9e3779b9, 123_456_789]) {
      expect(await sniffType(randomBytes(seed, SNIFF_BYTES))).toBe("application/octet-stream");
    }
  });

  it("calls text with NUL, other C0 controls or malformed UTF-8 binary", async () => {
    for (const bytes of [utf8("text\0more"), utf8("bell\x07"), utf8("x\x7f\x01"), Uint8Array.of(0x61, 0xc3, 0x28)]) {
      expect(await sniffType(bytes)).toBe("application/octet-stream");
    }
  });

  it("still calls UTF-8 text cut in the middle of a character text", async () => {
    for (const char of ["é", "€", "😀"]) {
      const bytes = utf8(`Notes: ${char.repeat(2000)}`);
      for (let cut = SNIFF_BYTES - 3; cut <= SNIFF_BYTES; cut++) {
        expect(await sniffType(bytes.subarray(0, cut))).toBe("text/plain");
      }
    }
  });
});

describe("isInlineSafe", () => {
  it("allows rasters, PDF, audio, video and plain text; nothing that can script", () => {
    for (const type of [
      "image/png",
      "image/jpeg",
      "IMAGE/GIF",
      "image/webp",
      "image/avif",
      "image/bmp",
      "image/x-icon",
    ])
      expect(isInlineSafe(type), type).toBe(true);
    for (const type of ["application/pdf", "audio/mpeg", "audio/ogg; codecs=opus", "video/mp4", "text/plain"])
      expect(isInlineSafe(type), type).toBe(true);
    for (const type of [
      "image/svg+xml",
      "text/html",
      "application/xhtml+xml",
      "application/xml",
      "text/xml",
      "application/javascript",
      "application/octet-stream",
      "image/tiff",
      "",
    ])
      expect(isInlineSafe(type), type).toBe(false);
  });
});

// Everything a name must not carry once safe: separators, C0, DEL, C1, bidi controls, lone surrogates.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what must never survive.
  /[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const nasty = fc.constantFrom("/", "\\", ".", " ", "\t", "\n", "\0", "\u202e", "\u2066", "\u0085", "\ud800", "\udc00");
const fileNames = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.oneof(nasty, fc.constantFrom("a", "é", "😀", ".txt")), maxLength: 300 }),
);

describe("safeFileName", () => {
  it("cleans what uploaders send", () => {
    const cases = [
      ["report.pdf", "report.pdf"],
      ["C:\\Users\\mia\\Desktop\\report.pdf", "report.pdf"],
      ["../../etc/passwd", "passwd"],
      ["invoice\u202efdp.exe", "invoicefdp.exe"],
      ["  my\t\tholiday \n photo .jpg  ", "my holiday photo .jpg"],
      ["nul\0byte.txt", "nulbyte.txt"],
      ["...hidden...", "hidden"],
      ["..", "file"],
      [".", "file"],
      ["", "file"],
      ["dir/", "file"],
      ["résumé – final.docx", "résumé – final.docx"],
    ];
    for (const [input, expected] of cases) expect(safeFileName(input as string), JSON.stringify(input)).toBe(expected);
  });

  it("keeps the extension when cutting a long name", () => {
    const cut = safeFileName(`${"a".repeat(300)}.pdf`);
    expect(cut).toHaveLength(MAX_NAME_LENGTH);
    expect(cut.endsWith("a.pdf")).toBe(true);
    expect(safeFileName("😀".repeat(150))).toBe("😀".repeat(100));
    expect(safeFileName(`a${"😀".repeat(150)}`)).toBe(`a${"😀".repeat(99)}`);
  });

  it("is never unsafe, empty, too long or a dot name, and is idempotent (generated)", () => {
    fc.assert(
      fc.property(fileNames, (name) => {
        const safe = safeFileName(name);
        expect(safe).not.toMatch(UNSAFE);
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(safe).not.toMatch(/^[.\s]|[.\s]$/);
        expect(safeFileName(safe)).toBe(safe);
      }),
      { numRuns: 2_000 },
    );
  });
});

const DISPOSITION =
  /^(inline|attachment); filename="((?:[^"\\]|\\.)*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/;

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("attachment", "report.pdf")).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition("inline", 'résumé "final" (2)*.txt')).toBe(
      `inline; filename="r_sum_ \\"final\\" (2)*.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%20%282%29%2A.txt`,
    );
    expect(contentDisposition("attachment", "100%.txt")).toBe(
      `attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt`,
    );
  });

  it("is printable ASCII, parseable, and carries the safe name exactly (generated)", () => {
    fc.assert(
      fc.property(fc.constantFrom("inline" as const, "attachment" as const), fileNames, (kind, name) => {
        const value = contentDisposition(kind, name);
        expect(value).toMatch(/^[\x20-\x7e]+$/);
        const match = DISPOSITION.exec(value);
        expect(match, value).not.toBeNull();
        expect(match?.[1]).toBe(kind);
        expect(decodeURIComponent(match?.[3] ?? "")).toBe(safeFileName(name));
        expect(match?.[2]?.replace(/\\(.)/g, "$1")).toHaveLength(safeFileName(name).length);
      }),
      { numRuns: 1_000 },
    );
  });
});
