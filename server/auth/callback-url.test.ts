import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-origin relative paths with their query and hash", () => {
    expect(safeCallbackUrl("/account/tokens")).toBe("/account/tokens");
    expect(safeCallbackUrl("/?page=2#top")).toBe("/?page=2#top");
  });

  it("falls back for anything that could leave the site, or is not a path", () => {
    for (const raw of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
      undefined,
      42,
    ]) {
      expect(safeCallbackUrl(raw)).toBe("/");
    }
  });

  it("does not send a signed-in user back to the sign-in or sign-up form", () => {
    expect(safeCallbackUrl("/sign-in?callbackUrl=/x")).toBe("/");
    expect(safeCallbackUrl("/sign-up")).toBe("/");
  });
});
