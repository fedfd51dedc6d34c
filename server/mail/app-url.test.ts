/** Links in mail: APP_URL's origin, else AUTH_URL's, else localhost on PORT; a path can never name another host. */
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { APP_URL: process.env.APP_URL, AUTH_URL: process.env.AUTH_URL, PORT: process.env.PORT };

/** app-url with this environment (env() reads it once per process, so the modules are loaded afresh). */
async function load(vars: Partial<Record<keyof typeof saved, string>>) {
  for (const key of Object.keys(saved) as (keyof typeof saved)[]) {
    if (vars[key] === undefined) delete process.env[key];
    else process.env[key] = vars[key];
  }
  vi.resetModules();
  return import("./app-url");
}

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("appUrl", () => {
  it("uses APP_URL's origin first, then AUTH_URL's, then localhost on PORT (3000 by default)", async () => {
    expect(
      (await load({ APP_URL: "https://app.example.com/", AUTH_URL: "https://auth.example.com" })).appUrl("/a?b=1"),
    ).toBe("https://app.example.com/a?b=1");
    expect((await load({ AUTH_URL: "https://auth.example.com/api/auth" })).appUrl("/verify")).toBe(
      "https://auth.example.com/verify",
    );
    expect((await load({ PORT: "4321" })).appUrl("/x")).toBe("http://localhost:4321/x");
    expect((await load({})).appUrl("/x")).toBe("http://localhost:3000/x");
  });

  it("refuses anything but a path on the app's own origin", async () => {
    const { appUrl } = await load({ APP_URL: "https://app.example.com" });
    for (const path of ["", "x", "//evil.test/x", "/\\evil.test", "https://evil.test/"]) {
      expect(() => appUrl(path), path).toThrow("starts with one");
    }
  });
});
