/**
 * Work after COMMIT of an outer transaction (a keyed mutation, a PocketBase batch) waits for that commit, and what it
 * does with the database goes through the database the transaction was opened on, never its closed handle.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { afterCommit, rootDatabase, transactionWithAfterCommit } from "./after-commit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("runs callbacks after the outer commit, and they reach the database through rootDatabase", async () => {
  const seen: number[] = [];
  await transactionWithAfterCommit(t.db, async (tx) => {
    await tx.execute(sql`create table after_commit_probe (n int)`);
    await tx.execute(sql`insert into after_commit_probe values (1)`);
    const db = rootDatabase(tx);
    expect(db).toBe(t.db);
    await afterCommit(tx, async () => {
      const rows = await db.execute(sql`select n from after_commit_probe`);
      seen.push(...rows.map((r) => Number(r.n)));
    });
    expect(seen).toEqual([]);
  });
  expect(seen).toEqual([1]);
  expect(rootDatabase(t.db)).toBe(t.db);
});
