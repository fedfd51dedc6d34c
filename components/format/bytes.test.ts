import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBytes as serverFormatBytes } from "@/server/core/files/upload";
import { formatBytes } from "./bytes";

describe("formatBytes", () => {
  it("words sizes as the upload route does, so a refusal reads the same in the browser and from the server", () => {
    expect(formatBytes(10 * 1024 ** 2)).toBe("10 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(512)).toBe("512 bytes");
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), (n) => {
        expect(formatBytes(n)).toBe(serverFormatBytes(n));
      }),
    );
  });
});
