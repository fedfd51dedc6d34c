/** The demo's files: avatars and covers stored as uploads are (local storage, attached ledger rows), decodable. */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { desc, eq, isNotNull } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { files, posts, users } from "./schema";
import { DEMO_USERS, seedDemoData } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing/test-db";

let t: TestDatabase;
const uploadsDir = path.join(os.tmpdir(), `atrium-seed-files-${process.pid}`);
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  await fs.rm(uploadsDir, { recursive: true, force: true });
});

it("gives every demo user an avatar and the newest published posts a cover, each a real attached upload", async () => {
  expect(await seedDemoData(t.db, Date.now(), { uploadsDir })).toBe(true);
  const avatars = await t.db.select({ avatar: users.avatar }).from(users).where(isNotNull(users.avatar));
  expect(avatars).toHaveLength(DEMO_USERS.length);
  const covers = await t.db
    .select({ cover: posts.cover, status: posts.status })
    .from(posts)
    .where(isNotNull(posts.cover));
  expect(covers.length).toBe(12);
  expect(covers.every((p) => p.status === "published")).toBe(true);
  // The newest published posts: the home page's first page shows them.
  const newest = await t.db
    .select({ cover: posts.cover })
    .from(posts)
    .where(eq(posts.status, "published"))
    .orderBy(desc(posts.publishedAt))
    .limit(12);
  expect(newest.every((p) => p.cover !== null)).toBe(true);
  const ledger = await t.db.select().from(files);
  expect(ledger).toHaveLength(DEMO_USERS.length + 12);
  expect(ledger.every((f) => f.state === "attached" && f.recordId)).toBe(true);
  for (const row of ledger.slice(0, 3)) {
    const stored = path.join(uploadsDir, row.key.slice(0, 2), row.key);
    expect(existsSync(stored)).toBe(true);
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([row.width, row.height]);
  }
});
