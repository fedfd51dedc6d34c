import { describe, expect, it } from "vitest";
import { fileProblem, roomFor } from "./file-checks";

describe("fileProblem", () => {
  const cover = { accept: ["image/*"], maxSize: 10 * 1024 ** 2 };

  it("refuses as the upload route does, in its words", () => {
    expect(fileProblem(cover, "Cover image", { size: 11 * 1024 ** 2, type: "image/png" })).toBe(
      "Cover image takes files up to 10 MB.",
    );
    expect(fileProblem(cover, "Cover image", { size: 10, type: "application/pdf" })).toBe(
      "Cover image accepts image files; this file is application/pdf.",
    );
    expect(fileProblem({ maxSize: 100 }, "Attachments", { size: 0, type: "" })).toBe("Attachments: the file is empty.");
    expect(fileProblem(cover, "Cover image", { size: 10, type: "image/webp" })).toBeNull();
    // The browser cannot tell: the server decides from the content.
    expect(fileProblem(cover, "Cover image", { size: 10, type: "" })).toBeNull();
  });

  it("counts the room left in a field", () => {
    expect(roomFor(undefined, 1)).toBe(1);
    expect(roomFor(10, 8)).toBe(2);
    expect(roomFor(10, 12)).toBe(0);
  });
});
