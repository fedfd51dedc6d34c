/** The pure parts of `npm run demo:remove`: when it may run, and which migration SQL it must carry over. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "./demo-remove/guard";
import { isHandWritten, mentions, statements } from "./demo-remove/squash";

describe("when demo:remove may run", () => {
  it("refuses a dirty tree even with --yes, naming the changes", () => {
    const dirty = { kind: "dirty", paths: Array.from({ length: 12 }, (_, i) => `file-${i}.ts`) } as const;
    for (const yes of [true, false]) {
      const decision = decide(dirty, yes, true);
      expect(decision).toMatchObject({ refuse: expect.stringContaining("uncommitted changes") });
      if (typeof decision === "object") expect(decision.refuse).toContain("... and 2 more");
    }
  });

  it("outside git only with --yes; in a clean tree with --yes or a typed yes", () => {
    expect(decide({ kind: "none" }, false, true)).toMatchObject({ refuse: expect.stringContaining("--yes") });
    expect(decide({ kind: "none" }, true, false)).toBe("go");
    expect(decide({ kind: "clean" }, true, false)).toBe("go");
    expect(decide({ kind: "clean" }, false, true)).toBe("ask");
    expect(decide({ kind: "clean" }, false, false)).toMatchObject({ refuse: expect.stringContaining("--yes") });
  });
});

describe("squashing migrations", () => {
  it("keeps what drizzle-kit cannot generate, with the comments above it", () => {
    const sql = [
      'CREATE TYPE "public"."mood" AS ENUM(\'ok\');',
      'CREATE TABLE "t" (\n\t"id" uuid PRIMARY KEY\n);\n',
      'ALTER TABLE "t" ADD CONSTRAINT "c" CHECK (true);',
      'CREATE UNIQUE INDEX "i" ON "t" USING btree ("id");',
      'INSERT INTO "t" ("id") VALUES (gen_random_uuid());',
      '-- Why this trigger exists.\nCREATE FUNCTION "f"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;',
      'CREATE CONSTRAINT TRIGGER "g" AFTER INSERT ON "t" FOR EACH ROW EXECUTE FUNCTION "f"();',
    ].join("--> statement-breakpoint\n");
    const kept = statements(sql).filter(isHandWritten);
    expect(kept.map((s) => s.split(" ")[0])).toEqual(["INSERT", "--", "CREATE"]);
    expect(kept[1]).toContain("-- Why this trigger exists.");
  });

  it("drops hand-written SQL about the demo's tables, and only that", () => {
    expect(mentions('INSERT INTO "posts" VALUES (1);', ["posts"])).toBe(true);
    expect(mentions("update posts set x = 1;", ["posts"])).toBe(true);
    expect(mentions('INSERT INTO "post_stats" VALUES (1);', ["posts"])).toBe(false);
    expect(mentions("-- was about posts\nSELECT 1;", ["posts"])).toBe(false);
  });

  it("splits any file back into the statements it was written from", () => {
    const statement = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => s.replaceAll("--> statement-breakpoint", "").trim())
      .filter((s) => s !== "");
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 8 }), (parts) => {
        expect(statements(parts.join("--> statement-breakpoint\n"))).toEqual(parts);
      }),
    );
  });
});
