import { describe, expect, it } from "vitest";
import { parseFilePath } from "@/server/core/files/serve";
import { fileUrl, smallestThumb, thumbAtLeast } from "./file-url";
import { fileNames, isFilesValue, storedFiles } from "./stored-file";

const file = { id: "0b0f5a4e-9f1a-4c59-8d0e-3f6f1f1e2a10", name: "Q3 report #2 (final)?.pdf", size: 10, type: "x/y" };

describe("fileUrl", () => {
  it("is the address the files route answers, with the name encoded", () => {
    const url = fileUrl({ resource: "posts", recordId: "p/1", field: "attachments", file, download: true });
    expect(url).toBe(
      "/api/files/posts/p%2F1/attachments/0b0f5a4e-9f1a-4c59-8d0e-3f6f1f1e2a10/Q3%20report%20%232%20(final)%3F.pdf?download=1",
    );
    const parsed = new URL(url, "http://x");
    const segments = parsed.pathname.split("/").slice(3).map(decodeURIComponent);
    expect(parseFilePath(segments, parsed.searchParams)).toEqual({
      resource: "posts",
      recordId: "p/1",
      field: "attachments",
      fileId: file.id,
      thumb: null,
      download: true,
    });
    expect(fileUrl({ resource: "users", recordId: "u", field: "avatar", file, thumb: "64x64", token: "t.k" })).toMatch(
      /\?thumb=64x64&token=t.k$/,
    );
  });

  it("picks a field's smallest thumbnail", () => {
    expect(smallestThumb(["400x225", "96x64", "1200x0"])).toBe("96x64");
    expect(smallestThumb(["256x256", "64x64"])).toBe("64x64");
    expect(smallestThumb(undefined)).toBeUndefined();
    expect(thumbAtLeast(["400x225", "96x64", "1200x0"], 160)).toBe("400x225");
    expect(thumbAtLeast(["64x64", "256x256"], 160)).toBe("256x256");
    expect(thumbAtLeast(["64x64"], 160)).toBe("64x64");
  });
});

describe("stored files", () => {
  it("reads one file or a list, and names them", () => {
    const other = { ...file, id: "x", name: "b.png" };
    expect(storedFiles(null)).toEqual([]);
    expect(storedFiles(file)).toEqual([file]);
    expect(fileNames([file, other])).toBe("Q3 report #2 (final)?.pdf, b.png");
    expect(isFilesValue([file])).toBe(true);
    expect(isFilesValue([])).toBe(false);
    expect(isFilesValue({ id: "x" })).toBe(false);
  });
});
