/** Thumbnails of real images made with sharp, checked by decoding what came out. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatThumb, imageInfo, MAX_THUMB_SIDE, makeThumb, parseThumb, THUMBABLE } from "./thumbs";

type Colour = "red" | "green" | "blue";

// 400x300 in three horizontal bands, so which rows a crop kept can be read off its pixels.
const WIDTH = 400;
const HEIGHT = 300;
function bands(): Buffer {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    const channel = y < 100 ? 0 : y < 200 ? 1 : 2;
    for (let x = 0; x < WIDTH; x++) raw[(y * WIDTH + x) * 3 + channel] = 255;
  }
  return raw;
}
const source = () => sharp(bands(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } });

/** The dominant colour of a pixel in a decoded image (JPEG and WebP are lossy: near is enough). */
async function colourAt(image: Buffer, x: number, y: number): Promise<Colour> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  const [r = 0, g = 0, b = 0] = data.subarray(at, at + 3);
  return r > g && r > b ? "red" : g > b ? "green" : "blue";
}

/** A 16x16 JPEG whose header claims 10000x10000: a decompression bomb's shape without its bytes. */
async function claimsHugeJpeg(): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer(),
  );
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(10_000, sof + 5);
  jpeg.writeUInt16BE(10_000, sof + 7);
  return jpeg;
}

const images: Record<string, Buffer> = {};
let dir = "";

beforeAll(async () => {
  images["image/png"] = await source().png().toBuffer();
  images["image/jpeg"] = await source().jpeg({ quality: 90 }).toBuffer();
  images["image/webp"] = await source().webp({ quality: 90 }).toBuffer();
  images["image/gif"] = await source().gif().toBuffer();
  images["image/tiff"] = await source().tiff().toBuffer();
  images["image/avif"] = await source().avif({ effort: 0 }).toBuffer();
  dir = await mkdtemp(path.join(tmpdir(), "atrium-thumbs-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("parseThumb", () => {
  it("reads every PocketBase form", () => {
    expect(parseThumb("100x100")).toEqual({ width: 100, height: 100, mode: "center" });
    expect(parseThumb("100x50t")).toEqual({ width: 100, height: 50, mode: "top" });
    expect(parseThumb("100x50b")).toEqual({ width: 100, height: 50, mode: "bottom" });
    expect(parseThumb("100x50f")).toEqual({ width: 100, height: 50, mode: "fit" });
    expect(parseThumb("0x50")).toEqual({ width: 0, height: 50, mode: "fit" });
    expect(parseThumb("50x0")).toEqual({ width: 50, height: 0, mode: "fit" });
    expect(parseThumb("4000x4000")).toEqual({ width: 4000, height: 4000, mode: "center" });
  });

  it("refuses everything else", () => {
    for (const size of [
      "",
      "0x0",
      "4001x10",
      "10x4001",
      "99999x1",
      "01x10",
      "10x00",
      "10X10",
      " 10x10",
      "10x10\n",
      "10x10tt",
      "10x10c",
      "0x10f",
      "10x0t",
      "-1x10",
      "1.5x10",
      "1e3x10",
      "10x",
      "x10",
      "10",
      "10x10x10",
    ]) {
      expect(parseThumb(size), JSON.stringify(size)).toBeNull();
    }
  });

  it("round-trips every valid size (generated)", () => {
    const side = fc.integer({ min: 0, max: MAX_THUMB_SIDE });
    const valid = fc
      .tuple(side, side, fc.constantFrom("", "t", "b", "f"))
      .filter(([w, h, suffix]) => (w > 0 && h > 0) || ((w > 0 || h > 0) && suffix === ""))
      .map(([w, h, suffix]) => `${w}x${h}${suffix}`);
    fc.assert(
      fc.property(valid, (size) => {
        const thumb = parseThumb(size);
        expect(thumb).not.toBeNull();
        if (thumb) expect(formatThumb(thumb)).toBe(size);
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses garbage and oversize sides (generated)", () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: fc.constantFrom("0", "1", "9", "x", "t", "b", "f", " ", "-"), maxLength: 12 }),
      fc
        .tuple(fc.integer({ min: MAX_THUMB_SIDE + 1, max: 1e9 }), fc.nat(MAX_THUMB_SIDE))
        .chain(([big, small]) => fc.constantFrom(`${big}x${small}`, `${small}x${big}`)),
    );
    fc.assert(
      fc.property(garbage, (size) => {
        const thumb = parseThumb(size);
        // Whatever is accepted is canonical and in bounds.
        if (thumb) {
          expect(formatThumb(thumb)).toBe(size);
          expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(MAX_THUMB_SIDE);
          return;
        }
        // Whatever is refused is malformed, or well formed but out of bounds or ambiguous.
        const parts = /^(0|[1-9]\d*)x(0|[1-9]\d*)([tbf]?)$/.exec(size);
        if (!parts) return;
        const [w, h] = [Number(parts[1]), Number(parts[2])];
        const zero = w === 0 || h === 0;
        expect(w > MAX_THUMB_SIDE || h > MAX_THUMB_SIDE || (w === 0 && h === 0) || (zero && parts[3] !== "")).toBe(
          true,
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("makeThumb", () => {
  const sizes = [
    ["100x100", 100, 100],
    ["300x100t", 300, 100],
    ["300x100b", 300, 100],
    ["200x200f", 200, 150],
    ["800x800f", 400, 300],
    ["0x150", 200, 150],
    ["0x600", 400, 300],
    ["200x0", 200, 150],
    ["1000x0", 400, 300],
    ["800x600", 800, 600],
  ] as const;
  const formats = [
    ["image/png", "png", "image/png"],
    ["image/jpeg", "jpeg", "image/jpeg"],
    ["image/webp", "webp", "image/webp"],
    ["image/gif", "webp", "image/webp"],
    ["image/tiff", "webp", "image/webp"],
    ["image/avif", "webp", "image/webp"],
  ] as const;

  it.each(formats)("makes every size of a %s as %s, checked by decoding", async (type, format, outputType) => {
    const input = images[type];
    if (!input) throw new Error(`no ${type} fixture`);
    for (const [size, width, height] of sizes) {
      const thumb = await makeThumb(input, size, type);
      expect(thumb, size).toMatchObject({ type: outputType, width, height });
      const meta = await sharp(thumb?.data).metadata();
      expect([meta.format, meta.width, meta.height], size).toEqual([format, width, height]);
    }
  });

  it("crops from the centre, the top or the bottom", async () => {
    for (const type of ["image/png", "image/jpeg"] as const) {
      const input = images[type] ?? Buffer.alloc(0);
      // 300x100 of the source scaled to 300x225: top keeps source rows 0-133, centre 83-217, bottom 167-300.
      const expected = [
        ["300x100t", ["red", "red", "green"]],
        ["300x100", ["red", "green", "blue"]],
        ["300x100b", ["green", "blue", "blue"]],
      ] as const;
      for (const [size, [top, middle, bottom]] of expected) {
        const thumb = await makeThumb(input, size, type);
        const data = thumb?.data ?? Buffer.alloc(0);
        const seen = [await colourAt(data, 150, 2), await colourAt(data, 150, 50), await colourAt(data, 150, 97)];
        expect(seen, `${type} ${size}`).toEqual([top, middle, bottom]);
      }
    }
  });

  it("reads a file path as well as a buffer", async () => {
    const file = path.join(dir, "upload.bin");
    await writeFile(file, images["image/png"] ?? Buffer.alloc(0));
    expect(await makeThumb(file, "40x30f", "image/png")).toMatchObject({ type: "image/png", width: 40, height: 30 });
    expect(await imageInfo(file)).toEqual({ width: WIDTH, height: HEIGHT });
  });

  it("applies EXIF orientation, then drops the metadata", async () => {
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#0f0" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await imageInfo(sideways)).toEqual({ width: 20, height: 40 });
    const thumb = await makeThumb(sideways, "10x0", "image/jpeg");
    expect(thumb).toMatchObject({ width: 10, height: 20 });
    const meta = await sharp(thumb?.data).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([10, 20, undefined, undefined]);
  });

  it("thumbnails an animated GIF's first frame", async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 20, height: 10, channels: 3, background } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame("#f00"), await frame("#00f")], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect(await imageInfo(gif)).toEqual({ width: 20, height: 10 });
    const thumb = await makeThumb(gif, "20x10", "image/gif");
    expect(thumb).toMatchObject({ type: "image/webp", width: 20, height: 10 });
    expect(await colourAt(thumb?.data ?? Buffer.alloc(0), 10, 5)).toBe("red");
  });

  it("gives null for bad sizes, untouchable types, undecodable or oversize content", async () => {
    const png = images["image/png"] ?? Buffer.alloc(0);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect/></svg>');
    expect(THUMBABLE.has("image/svg+xml")).toBe(false);
    expect(await makeThumb(png, "0x0", "image/png")).toBeNull();
    expect(await makeThumb(png, "5000x10", "image/png")).toBeNull();
    expect(await makeThumb(svg, "10x10", "image/svg+xml")).toBeNull();
    // Mislabelled: the content decides which decoder may run, never the label.
    expect(await makeThumb(svg, "10x10", "image/png")).toBeNull();
    expect(await makeThumb(Buffer.from("not an image at all"), "10x10", "image/png")).toBeNull();
    expect(await makeThumb(png.subarray(0, 40), "10x10", "image/png")).toBeNull();
    expect(await makeThumb(await claimsHugeJpeg(), "10x10", "image/jpeg")).toBeNull();
    expect(await makeThumb(path.join(dir, "missing.png"), "10x10", "image/png")).toBeNull();
  });
});

describe("imageInfo", () => {
  it("gives the dimensions of every thumbable format", async () => {
    for (const [type, input] of Object.entries(images)) {
      expect(await imageInfo(input), type).toEqual({ width: WIDTH, height: HEIGHT });
    }
  });

  it("gives null for SVG, garbage and images over the pixel limit", async () => {
    expect(await imageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'))).toBeNull();
    expect(await imageInfo(Buffer.from("plain text"))).toBeNull();
    expect(await imageInfo(await claimsHugeJpeg())).toBeNull();
  });
});
