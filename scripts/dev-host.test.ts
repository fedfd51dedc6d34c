/** What broke: `npm run dev` listened on every interface, with the admin's development password printed. */
import { describe, expect, it } from "vitest";
import { devHostArgs } from "./dev-host";

describe("devHostArgs", () => {
  it("binds next dev to localhost unless told otherwise", () => {
    expect(devHostArgs("dev", [], undefined)).toEqual(["--hostname", "localhost"]);
    expect(devHostArgs("dev", ["-p", "3001"], "")).toEqual(["--hostname", "localhost"]);
  });

  it("takes HOST, and leaves an explicit -H/--hostname alone", () => {
    expect(devHostArgs("dev", [], "0.0.0.0")).toEqual(["--hostname", "0.0.0.0"]);
    for (const args of [["-H", "0.0.0.0"], ["--hostname", "::"], ["--hostname=0.0.0.0"]]) {
      expect(devHostArgs("dev", args, "localhost")).toEqual([]);
    }
  });

  it("leaves next start to Next's default (a deployment's proxy must reach it)", () => {
    expect(devHostArgs("start", [], undefined)).toEqual([]);
  });
});
