import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRestoreArgs } from "./backup-cli";

describe("npm run db:restore's arguments", () => {
  it("takes one file and the two flags in any order", () => {
    expect(parseRestoreArgs(["a.tar.gz"])).toEqual({ file: "a.tar.gz", dryRun: false, yes: false });
    expect(parseRestoreArgs(["--yes", "a.tar.gz", "--dry-run"])).toEqual({ file: "a.tar.gz", dryRun: true, yes: true });
  });

  it("refuses what it does not know, naming it", () => {
    expect(parseRestoreArgs([])).toEqual({ error: "which archive? give its file" });
    expect(parseRestoreArgs(["a", "b"])).toEqual({ error: "give one archive file" });
    expect(parseRestoreArgs(["a", "--force"])).toEqual({ error: 'unknown option "--force"' });
  });

  it("never throws, and never takes an option for a file", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (argv) => {
        const parsed = parseRestoreArgs(argv);
        if (!("error" in parsed)) expect(parsed.file.startsWith("-")).toBe(false);
      }),
    );
  });
});
