/**
 * Backup and restore on a real PostgreSQL, each restore on a database of its own: a restore brings every table back
 * to the backup's checksums; a dry run leaves the live data as it was; a backup taken during 500 concurrent writes
 * restores to a consistent state; a corrupted, truncated or wrongly described archive is refused with a clear message
 * and the live data intact; a backup from an older schema restores and migrates forward; one from newer code is not.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditLog, backups, comments, posts, requestLog, tags } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { withDatabase } from "@/db/testing/urls";
import type { Actor } from "@/server/core";
import { settleLiveEvents } from "@/server/core/realtime/sequencer";
import { createRecord, updateRecord } from "@/server/core/write";
import { resources } from "@/server/resources";
import { verifyArchive } from "./archive";
import { type WrittenBackup, writeBackup } from "./create";
import { dryRun } from "./dry-run";
import { BackupRefusedError } from "./errors";
import { MANIFEST_ENTRY, type Manifest } from "./format";
import { appMigrations, createMigrationRecord, replayMigrations } from "./migrations";
import { restoreArchive } from "./restore";
import { fillBackup, startBackupRow } from "./service";
import { type ArchiveEntry, readEntries, tableChecksums, writeEntries } from "./testing";

const SYSTEM: Actor = { kind: "system", reason: "backup test" };
let t: TestDatabase;
let dir: string;
let backup: WrittenBackup;
const opened: TestDatabase[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  opened.push(db);
  return db;
}

const sums = (m: Manifest) => Object.fromEntries(m.tables.map((table) => [table.name, table.sha256]));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-backups-"));
  t = await createTestDatabase();
  await seedDemoData(t.db, Date.UTC(2026, 0, 5));
  const writer = { db: t.db, actor: SYSTEM, registry: resources };
  for (let i = 0; i < 5; i++) await createRecord(writer, resources.tags, { name: `Tag ${i}`, slug: `tag-${i}` });
  backup = await writeBackup(t.url, { dir });
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.drop()));
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("a backup", () => {
  it("holds every app table, not the operations or live tables, with the database's checksums", async () => {
    const names = backup.manifest.tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(["users", "posts", "comments", "tags", "audit_log", "task_runs"]));
    for (const left of ["request_log", "metric_samples", "backups", "live_events", "live_event_horizon"]) {
      expect(names).not.toContain(left);
    }
    expect(backup.manifest.schemaVersion).toBe(appMigrations().at(-1)?.tag);
    expect(await tableChecksums(t.url)).toEqual(sums(backup.manifest));
    const verified = await verifyArchive(backup.path, backup.sha256);
    expect(verified.sha256).toBe(backup.sha256);
    expect((await readFile(`${backup.path}.sha256`, "utf8")).startsWith(backup.sha256)).toBe(true);
  });
});

describe("restore", () => {
  it("brings every table back to the backup's checksums, keeps the operations tables, and never moves a sequence back", async () => {
    const db = await freshDatabase();
    await seedDemoData(db.db, Date.UTC(2026, 0, 5));
    await db.db.update(posts).set({ title: "Changed after the backup" });
    await db.db.delete(comments);
    const writer = { db: db.db, actor: SYSTEM, registry: resources };
    for (let i = 0; i < 30; i++) await createRecord(writer, resources.tags, { name: `Later ${i}`, slug: `later-${i}` });
    await db.db
      .insert(requestLog)
      .values({ requestId: "kept", method: "GET", route: "/", status: 200, durationMs: 1, instance: "test" });
    const [before] = await db.db.execute<{ v: string }>(sql`select last_value::text as v from audit_log_id_seq`);
    // Numbered just after each COMMIT (the sequencer): settled, so the 30 events have their ids before the restore.
    await settleLiveEvents(db.db);
    const [liveBefore] = await db.db.execute<{ v: string }>(sql`select last_value::text as v from live_event_seq`);
    expect(Number(liveBefore?.v)).toBeGreaterThanOrEqual(30);

    const report = await restoreArchive(db.url, backup.path, {
      target: "live",
      expectedSha256: backup.sha256,
      commit: true,
    });

    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.committed).toBe(true);
    expect(await tableChecksums(db.url)).toEqual(sums(backup.manifest));
    expect(
      await db.db.select({ id: requestLog.id }).from(requestLog).where(eq(requestLog.requestId, "kept")),
    ).toHaveLength(1);
    const [after] = await db.db.execute<{ v: string }>(sql`select last_value::text as v from audit_log_id_seq`);
    expect(BigInt(after?.v ?? 0)).toBeGreaterThanOrEqual(BigInt(before?.v ?? 0));
    // Live event ids never go back, and a client resuming from any id seen before the restore is told to refetch.
    const [live] = await db.db.execute<{ seq: string; horizon: string; events: number }>(sql`
      select (select last_value::text from live_event_seq) as seq,
        (select pruned_through::text from live_event_horizon) as horizon,
        (select count(*)::int from live_events) as events`);
    expect(live).toEqual({ seq: liveBefore?.v, horizon: liveBefore?.v, events: 0 });
    // The app carries on writing on the restored schema, through its pool that was open across the restore.
    await createRecord(writer, resources.tags, { name: "After the restore", slug: "after-the-restore" });
    const [migrations] = await db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(migrations?.n).toBe(appMigrations().length);
  }, 60_000);

  it("writes its own audit entry inside the restore, so the restored trail records it", async () => {
    const db = await freshDatabase();
    await restoreArchive(db.url, backup.path, {
      target: "live",
      expectedSha256: backup.sha256,
      commit: true,
      audit: { actor: { kind: "system", label: "test restore" }, backupId: null },
    });
    const entries = await db.db.select().from(auditLog).where(eq(auditLog.actorLabel, "test restore"));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ operation: "action", resource: "backups" });
    expect(entries[0]?.after).toMatchObject({ action: "restore", file: path.basename(backup.path) });
  });

  it("a dry run reports the checks and leaves the live data as it was", async () => {
    const db = await freshDatabase();
    await seedDemoData(db.db, Date.UTC(2026, 0, 6));
    const before = await tableChecksums(db.url);
    // pg_database is the cluster's: other files' dry runs may be under way at the same time, and end; ours must too.
    const scratch = async () =>
      (
        await db.db.execute<{ name: string }>(
          sql`select datname as name from pg_database where datname like 'atrium_dry_run_%'`,
        )
      ).map((r) => r.name);
    const already = new Set(await scratch());
    const report = await dryRun(db.url, backup.path, { expectedSha256: backup.sha256 });
    expect(report.ok).toBe(true);
    expect(report.committed).toBe(false);
    expect(report.checks.map((c) => c.name)).toEqual(["foreign keys", "row counts", "checksums", "audit trail"]);
    expect(report.tables.find((f) => f.name === "posts")?.rows).toBe(
      backup.manifest.tables.find((f) => f.name === "posts")?.rows,
    );
    expect(await tableChecksums(db.url)).toEqual(before);
    await expect
      .poll(async () => (await scratch()).filter((name) => !already.has(name)), { timeout: 20_000 })
      .toEqual([]);
  });
});

describe("consistency", () => {
  it("a backup taken during 500 concurrent writes restores with every audited record there", async () => {
    const source = await freshDatabase();
    const writer = { db: source.db, actor: SYSTEM, registry: resources };
    let done = 0;
    let backupTaken: Promise<WrittenBackup> | undefined;
    const writes = Array.from({ length: 500 }, async (_, i) => {
      const tag = (await createRecord(writer, resources.tags, { name: `Busy ${i}`, slug: `busy-${i}` })) as {
        id: string;
      };
      if (i % 3 === 0)
        await updateRecord(
          writer,
          resources.tags,
          tag.id,
          { name: `Busy ${i} (renamed)` },
          { visible: undefined, allowed: undefined },
        );
      done++;
      // Once the writes are well under way, the backup starts among them.
      if (done === 100) backupTaken = writeBackup(source.url, { dir });
    });
    await Promise.all(writes);
    const taken = await (backupTaken as Promise<WrittenBackup>);
    const tagRows = taken.manifest.tables.find((table) => table.name === "tags")?.rows ?? 0;
    expect(tagRows).toBeGreaterThan(0);
    // The snapshot itself: every audited record is in it.
    expect(taken.manifest.audit).toEqual({ missing: 0 });

    const target = await freshDatabase();
    const report = await restoreArchive(target.url, taken.path, {
      target: "live",
      expectedSha256: taken.sha256,
      commit: true,
    });
    expect(report.checks.find((c) => c.name === "audit trail")).toMatchObject({ ok: true });
    const [counts] = await target.db.execute<{ tags: number; created: number; updated: number }>(sql`
      select (select count(*)::int from tags) as tags,
        (select count(*)::int from audit_log where resource = 'tags' and operation = 'create') as created,
        (select count(*)::int from audit_log a where resource = 'tags' and operation = 'update'
          and not exists (select 1 from tags where id::text = a.record_id)) as updated`);
    expect(counts).toEqual({ tags: tagRows, created: tagRows, updated: 0 });
  }, 180_000);
});

describe("refusals", () => {
  function decodesTo(file: Buffer, contents: Buffer): boolean {
    try {
      return gunzipSync(file).equals(contents);
    } catch {
      return false;
    }
  }

  async function copyWith(bytes: Buffer): Promise<string> {
    const file = path.join(dir, `bad-${Math.random().toString(16).slice(2)}.tar.gz`);
    await writeFile(file, bytes);
    return file;
  }

  it("any one byte flipped is refused by the file's checksum, and by its contents whenever it changes what they decode to", async () => {
    const bytes = await readFile(backup.path);
    const contents = gunzipSync(bytes);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const copy = Buffer.from(bytes);
        copy[at] = (copy[at] as number) ^ xor;
        const file = await copyWith(copy);
        try {
          await expect(verifyArchive(file, backup.sha256)).rejects.toBeInstanceOf(BackupRefusedError);
          // Some flips change no content: the gzip header's OS byte and XFL hints, the padding bits after the last
          // deflate block, the code length of a symbol the data never uses. Such a file decodes to the very bytes
          // written, so only the file's checksum can tell; every other flip must be refused by the contents alone.
          if (!decodesTo(copy, contents)) {
            await expect(verifyArchive(file, null)).rejects.toBeInstanceOf(BackupRefusedError);
          }
        } finally {
          await rm(file, { force: true });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a truncated archive is refused, whatever its length", async () => {
    const bytes = await readFile(backup.path);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), async (length) => {
        const file = await copyWith(bytes.subarray(0, length));
        try {
          await expect(verifyArchive(file, null)).rejects.toThrow(/truncated|corrupted|not a backup|no manifest/);
        } finally {
          await rm(file, { force: true });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("a corrupted archive leaves the live data untouched", async () => {
    const db = await freshDatabase();
    await seedDemoData(db.db, Date.UTC(2026, 0, 7));
    const before = await tableChecksums(db.url);
    const bytes = Buffer.from(await readFile(backup.path));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x5a;
    const file = await copyWith(bytes);
    const restore = restoreArchive(db.url, file, { target: "live", expectedSha256: backup.sha256, commit: true });
    await expect(restore).rejects.toThrow(/corrupted/);
    await expect(
      restoreArchive(db.url, file, { target: "live", expectedSha256: null, commit: true }),
    ).rejects.toBeInstanceOf(BackupRefusedError);
    expect(await tableChecksums(db.url)).toEqual(before);
  });

  describe("a wrong manifest", () => {
    let entries: ArchiveEntry[];
    let manifest: Manifest;
    beforeAll(async () => {
      entries = await readEntries(backup.path);
      manifest = JSON.parse((entries.at(-1) as ArchiveEntry).body.toString("utf8")) as Manifest;
    });

    const withManifest = (m: unknown): ArchiveEntry[] => [
      ...entries.slice(0, -1),
      { name: MANIFEST_ENTRY, body: Buffer.from(typeof m === "string" ? m : JSON.stringify(m)) },
    ];
    const changedTable = (name: string, patch: Record<string, unknown>) => ({
      ...manifest,
      tables: manifest.tables.map((table) => (table.name === name ? { ...table, ...patch } : table)),
    });

    const cases: [string, () => ArchiveEntry[], RegExp][] = [
      [
        "a row count that does not add up",
        () => withManifest(changedTable("posts", { rows: 1 })),
        /posts has \d+ rows in the archive; the manifest says 1/,
      ],
      [
        "a byte count that does not add up",
        () => withManifest(changedTable("posts", { bytes: 3 })),
        /posts has \d+ bytes/,
      ],
      [
        "a checksum that does not match",
        () => withManifest(changedTable("posts", { sha256: "0".repeat(64) })),
        /posts does not match its checksum/,
      ],
      [
        "an entry it does not list",
        () => [{ name: "tables/public.intruder.copy", body: Buffer.from("x\n") }, ...entries],
        /does not list|not in its manifest's order/,
      ],
      [
        "a table whose rows are missing",
        () => entries.filter((e) => e.name !== "tables/public.posts.copy"),
        /missing the rows of table posts/,
      ],
      ["an unknown key", () => withManifest({ ...manifest, extra: true }), /manifest is not valid/],
      ["another format", () => withManifest({ ...manifest, version: 99 }), /manifest is not valid: version/],
      ["no JSON at all", () => withManifest("{not json"), /not valid JSON/],
      ["no manifest", () => entries.slice(0, -1), /no manifest/],
      [
        "an entry with a path in its name",
        () => [{ name: "../../etc/passwd", body: Buffer.from("x") }, ...entries],
        /unknown entry/,
      ],
    ];
    for (const [name, make, message] of cases) {
      it(`is refused: ${name}`, async () => {
        const file = path.join(dir, `manifest-${Math.random().toString(16).slice(2)}.tar.gz`);
        await writeEntries(file, make());
        await expect(verifyArchive(file, null)).rejects.toThrow(message);
      });
    }

    it("a table the schema does not have is refused inside the restore, which rolls back", async () => {
      const db = await freshDatabase();
      await seedDemoData(db.db, Date.UTC(2026, 0, 8));
      const before = await tableChecksums(db.url);
      const renamed = entries.map((e) =>
        e.name === "tables/public.tags.copy" ? { ...e, name: "tables/public.labels.copy" } : e,
      );
      const m = {
        ...manifest,
        tables: manifest.tables.map((table) =>
          table.name === "tags" ? { ...table, name: "labels", entry: "tables/public.labels.copy" } : table,
        ),
      };
      const file = path.join(dir, "renamed.tar.gz");
      await writeEntries(file, [
        ...renamed.slice(0, -1),
        { name: MANIFEST_ENTRY, body: Buffer.from(JSON.stringify(m)) },
      ]);
      await expect(
        restoreArchive(db.url, file, { target: "live", expectedSha256: null, commit: true }),
      ).rejects.toThrow(
        /not the tables of its schema version \(not in the schema: labels; missing from the archive: tags\)/,
      );
      expect(await tableChecksums(db.url)).toEqual(before);
    });

    it("rows PostgreSQL refuses (a duplicate key) fail the restore, which rolls back instead of hanging", async () => {
      const db = await freshDatabase();
      await seedDemoData(db.db, Date.UTC(2026, 0, 9));
      const before = await tableChecksums(db.url);
      const tagsEntry = entries.find((e) => e.name === "tables/public.tags.copy") as ArchiveEntry;
      const firstRow = tagsEntry.body.subarray(0, tagsEntry.body.indexOf(10) + 1);
      const body = Buffer.concat([tagsEntry.body, firstRow]);
      const m = changedTable("tags", {
        rows: (manifest.tables.find((table) => table.name === "tags")?.rows ?? 0) + 1,
        bytes: body.length,
        sha256: createHash("sha256").update(body).digest("hex"),
      });
      const file = path.join(dir, "duplicate.tar.gz");
      await writeEntries(file, [
        ...entries.slice(0, -1).map((e) => (e === tagsEntry ? { ...e, body } : e)),
        { name: MANIFEST_ENTRY, body: Buffer.from(JSON.stringify(m)) },
      ]);
      await expect(
        restoreArchive(db.url, file, { target: "live", expectedSha256: null, commit: true }),
      ).rejects.toThrow(/duplicate key/);
      expect(await tableChecksums(db.url)).toEqual(before);
    });

    it("a backup from newer code is refused before anything is touched", async () => {
      const db = await freshDatabase();
      const newer = {
        ...manifest,
        migrations: [...manifest.migrations, { tag: "9999_future", when: 9_999_999_999_999, hash: "a".repeat(64) }],
        schemaVersion: "9999_future",
      };
      const file = path.join(dir, "newer.tar.gz");
      await writeEntries(file, withManifest(newer));
      await expect(
        restoreArchive(db.url, file, { target: "live", expectedSha256: null, commit: true }),
      ).rejects.toThrow(/comes from newer code: it has migrations this app does not know \(9999_future\)/);
    });
  });
});

describe("privileges and retention", () => {
  it("a dry run by a database user without CREATEDB is refused, saying what it needs", async () => {
    const admin = postgres(inject("testAdminUrl"), { max: 1, onnotice: () => {} });
    const role = `atrium_no_createdb_${Math.random().toString(16).slice(2, 10)}`;
    await admin.unsafe(`create role ${role} login password 'not-secret' nocreatedb`);
    try {
      const url = new URL(t.url);
      url.username = role;
      url.password = "not-secret";
      await expect(dryRun(url.toString(), backup.path, { expectedSha256: backup.sha256 })).rejects.toThrow(
        /may not create databases \(it needs CREATEDB\)/,
      );
    } finally {
      await admin.unsafe(`drop role ${role}`);
      await admin.end({ timeout: 5 });
    }
  });

  it("keeps the newest BACKUP_KEEP ready backups, removing older archives and their rows", async () => {
    const db = await freshDatabase();
    const keepDir = await mkdtemp(path.join(tmpdir(), "atrium-keep-"));
    process.env.BACKUP_DIR = keepDir;
    process.env.BACKUP_KEEP = "2";
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const id = await startBackupRow(db.db, "scheduled", null);
        await fillBackup(db.db, db.url, id);
        ids.push(id);
      }
      const rows = await db.db.select({ id: backups.id, file: backups.file }).from(backups);
      expect(rows.map((r) => r.id).sort()).toEqual(ids.slice(1).sort());
      const files = (await readdir(keepDir)).filter((f) => f.endsWith(".tar.gz")).sort();
      expect(files).toEqual(rows.map((r) => r.file).sort());
    } finally {
      delete process.env.BACKUP_DIR;
      delete process.env.BACKUP_KEEP;
      await rm(keepDir, { recursive: true, force: true });
    }
  });
});

describe("an older backup", () => {
  it("restores at its own schema version and migrates forward", async () => {
    const admin = postgres(inject("testAdminUrl"), { max: 1, onnotice: () => {} });
    const name = `atrium_test_old_${Math.random().toString(16).slice(2, 10)}`;
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(inject("testAdminUrl"), name);
    const old = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const earlier = appMigrations().slice(0, 12);
      await old.begin(async (tx) => {
        await createMigrationRecord(tx);
        await replayMigrations(tx, earlier);
        await tx`insert into tags (name, slug) values ('Old tag', 'old-tag')`;
        await tx`insert into users (name, email) values ('Old User', 'old@example.com')`;
      });
      const older = await writeBackup(url, { dir });
      expect(older.manifest.schemaVersion).toBe(earlier.at(-1)?.tag);

      const db = await freshDatabase();
      const report = await restoreArchive(db.url, older.path, {
        target: "live",
        expectedSha256: older.sha256,
        commit: true,
      });
      expect(report.ok).toBe(true);
      expect(report.laterMigrations).toEqual(
        appMigrations()
          .slice(12)
          .map((m) => m.tag),
      );
      expect(await db.db.select({ slug: tags.slug }).from(tags)).toEqual([{ slug: "old-tag" }]);
      const [applied] = await db.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied?.n).toBe(appMigrations().length);
    } finally {
      await old.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});
