/**
 * "Blocked users" for admins: `blocked` has a per-row read rule (the user themself, or admins), so filtering or sorting
 * by it would reveal, row by row, who is blocked. Its rule says admins read it on every row (`everyRow`), so admins
 * may filter by it; anyone else is refused with a 400 naming the field, on `list` and on the live `onChange`, and
 * their `meta` does not offer the filter. Real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { callers, rejection } from "@/server/testing";

let t: TestDatabase;
let admin: User;
let editor: User;
let member: User;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(users)
    .values([
      { name: "Ada Filter", email: "ada@blocked.test", role: "admin" },
      { name: "Eddie Filter", email: "eddie@blocked.test", role: "editor" },
      { name: "Max Filter", email: "max@blocked.test", role: "member" },
      { name: "Bea Blocked", email: "bea@blocked.test", role: "member", blocked: true },
      { name: "Ben Blocked", email: "ben@blocked.test", role: "member", blocked: true },
    ])
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  [admin, editor, member] = rows as [User, User, User];
});
afterAll(() => t.drop());

describe("filtering users by blocked", () => {
  it("lists the blocked users for an admin, and meta offers the filter", async () => {
    const as = callers(t.db).as(admin);
    const blocked = await as.users.list({ filter: { blocked: { eq: true } }, sort: ["name"] });
    expect(blocked.items.map((u) => u.name)).toEqual(["Bea Blocked", "Ben Blocked"]);
    const active = await as.users.list({ filter: { blocked: { eq: false } } });
    expect(active.items.map((u) => u.name)).not.toContain("Bea Blocked");
    const meta = await as.users.meta();
    expect(meta.fields.find((f) => f.name === "blocked")?.filterable).toBe(true);
  });

  it("refuses everyone else with a 400 naming the field, nested or not, and does not offer it", async () => {
    for (const caller of [callers(t.db).as(editor), callers(t.db).as(member), callers(t.db).anonymous]) {
      for (const filter of [
        { blocked: { eq: true } },
        { or: [{ name: { contains: "Be" } }, { not: { blocked: { eq: false } } }] },
      ]) {
        const refused = await rejection(caller.users.list({ filter }));
        expect(refused.code).toBe("BAD_REQUEST");
        expect(refused.fieldErrors["filter.blocked"]).toEqual(["You cannot filter by Blocked"]);
      }
      const live = await rejection(
        (async () => {
          const stream = await caller.users.onChange({ filter: { blocked: { eq: true } } });
          for await (const _ of stream) break;
        })(),
      );
      expect(live.code).toBe("BAD_REQUEST");
      const meta = await caller.users.meta();
      expect(meta.fields.find((f) => f.name === "blocked")?.filterable).toBe(false);
    }
  });
});
