/**
 * The manifest is input like any other: whatever JSON an archive carries, parsing it either yields a manifest of the
 * schema or refuses with an operator's message; it never throws anything else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseManifest } from "./archive";
import { BackupRefusedError } from "./errors";
import { entryName, quoteIdent } from "./format";

const valid = {
  format: "atrium-backup",
  version: 1,
  createdAt: "2026-01-05T03:00:00.000Z",
  postgres: "18.0",
  schemaVersion: "0000_init",
  migrations: [{ tag: "0000_init", when: 1, hash: "a".repeat(64) }],
  sequences: [{ name: "audit_log_id_seq", value: "42" }],
  excluded: ["backups"],
  audit: { missing: 0 },
  tables: [
    {
      schema: "public",
      name: "posts",
      entry: entryName("posts"),
      columns: [{ name: "id", type: "uuid" }],
      orderedBy: ["id"],
      rows: 1,
      bytes: 37,
      sha256: "b".repeat(64),
    },
  ],
};

describe("the manifest", () => {
  it("accepts the shape the backup writes", () => {
    expect(parseManifest(Buffer.from(JSON.stringify(valid))).tables[0]?.name).toBe("posts");
  });

  it("refuses any other JSON with a BackupRefusedError, never anything else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          parseManifest(Buffer.from(JSON.stringify(json)));
        } catch (error) {
          expect(error).toBeInstanceOf(BackupRefusedError);
        }
      }),
    );
  });

  it("refuses a valid manifest with any one field replaced by junk", () => {
    const paths: string[][] = [["format"], ["version"], ["createdAt"], ["schemaVersion"], ["audit"], ["migrations"]];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (where, junk) => {
        const changed = structuredClone(valid) as Record<string, unknown>;
        fc.pre(JSON.stringify(changed[where[0] as string]) !== JSON.stringify(junk));
        changed[where[0] as string] = junk;
        expect(() => parseManifest(Buffer.from(JSON.stringify(changed)))).toThrow(BackupRefusedError);
      }),
    );
  });

  it("refuses table names that are not plain identifiers, and quotes names safely", () => {
    const bad = { ...valid, tables: [{ ...valid.tables[0], name: 'posts"; drop table users; --', entry: "x" }] };
    expect(() => parseManifest(Buffer.from(JSON.stringify(bad)))).toThrow(/not a plain SQL identifier/);
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
