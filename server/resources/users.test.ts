/**
 * Nobody can leave the app without an active admin: demoting, blocking or deleting the last one is refused on every
 * write path (update, batch, revert, delete), by themself or by another admin, over tRPC and HTTP, and two admins
 * demoting themselves at the same moment cannot both succeed. Real PostgreSQL; the database is checked after each.
 */
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import superjson from "superjson";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { posts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import type { User } from "@/server/core";
import { callers, rejection } from "@/server/testing";
import { LAST_ADMIN_MESSAGE } from "./users";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
const PASSWORD = "correct horse battery staple";
let serial = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
});
afterAll(() => t.drop());
// Each case starts with no admin at all and makes the ones it needs.
beforeEach(async () => {
  await t.db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
});

async function makeUser(role: User["role"], blocked = false): Promise<User> {
  const n = ++serial;
  const [row] = await t.db
    .insert(users)
    .values({ name: `User ${n}`, email: `user${n}@lockout.test`, role, blocked })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  return row as User;
}

const row = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0];
const activeAdmins = async () =>
  (
    await t.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.blocked, false)))
  ).map((r) => r.id);

async function expectLastAdminRefused(promise: Promise<unknown>, field: "role" | "blocked" = "role") {
  const error = await rejection(promise);
  expect(error.code).toBe("CONFLICT");
  expect(error.message).toBe(LAST_ADMIN_MESSAGE);
  expect(error.fieldErrors[field]).toEqual([LAST_ADMIN_MESSAGE]);
}

describe("the last active admin", () => {
  it("cannot demote, block or delete themself, and nothing is written", async () => {
    const admin = await makeUser("admin");
    const self = api.as(admin);
    const before = await row(admin.id);
    await expectLastAdminRefused(self.users.update({ id: admin.id, data: { role: "member" } }));
    await expectLastAdminRefused(self.users.update({ id: admin.id, data: { role: "editor" } }));
    await expectLastAdminRefused(self.users.update({ id: admin.id, data: { blocked: true } }), "blocked");
    const both = await rejection(self.users.update({ id: admin.id, data: { role: "member", blocked: true } }));
    expect(both.fieldErrors).toEqual({ role: [LAST_ADMIN_MESSAGE], blocked: [LAST_ADMIN_MESSAGE] });
    await expectLastAdminRefused(self.users.delete({ id: admin.id }));
    await expectLastAdminRefused(self.users.updateMany({ ids: [admin.id], data: { role: "member" } }));
    await expectLastAdminRefused(self.users.deleteMany({ ids: [admin.id] }));
    expect(await row(admin.id)).toEqual(before);
  });

  it("is refused for this reason even when other records refer to them", async () => {
    const admin = await makeUser("admin");
    await t.db
      .insert(posts)
      .values({ title: "By the admin", slug: `by-admin-${admin.id}`, body: "Long enough.", authorId: admin.id });
    await expectLastAdminRefused(api.as(admin).users.delete({ id: admin.id }));
    expect(await activeAdmins()).toEqual([admin.id]);
  });

  it("may still change the rest of their own record", async () => {
    const admin = await makeUser("admin");
    await api.as(admin).users.update({ id: admin.id, data: { bio: "Still in charge.", role: "admin" } });
    expect(await row(admin.id)).toMatchObject({ bio: "Still in charge.", role: "admin", blocked: false });
  });

  it("cannot be demoted, blocked or deleted by the system either (seeds, jobs, scripts through the engine)", async () => {
    const admin = await makeUser("admin");
    await expectLastAdminRefused(api.system.users.update({ id: admin.id, data: { role: "member" } }));
    await expectLastAdminRefused(api.system.users.delete({ id: admin.id }));
    expect(await activeAdmins()).toEqual([admin.id]);
  });

  it("is not counted when blocked: a blocked admin does not keep the app administered", async () => {
    const admin = await makeUser("admin");
    const blockedAdmin = await makeUser("admin", true);
    await expectLastAdminRefused(api.as(admin).users.update({ id: admin.id, data: { role: "member" } }));
    expect(await row(blockedAdmin.id)).toMatchObject({ role: "admin", blocked: true });
    // A blocked admin is no active admin: demoting or deleting them is never refused by this rule.
    await api.as(admin).users.update({ id: blockedAdmin.id, data: { role: "member" } });
    await api.as(admin).users.delete({ id: blockedAdmin.id });
  });
});

describe("with two active admins", () => {
  it("either may demote themself or the other, but not both of them", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    await api.as(a).users.update({ id: b.id, data: { blocked: true } });
    expect(await activeAdmins()).toEqual([a.id]);
    await expectLastAdminRefused(api.as(a).users.update({ id: a.id, data: { blocked: true } }), "blocked");
    await api.as(a).users.update({ id: b.id, data: { blocked: false } });
    await api.as(a).users.update({ id: a.id, data: { role: "member" } });
    expect(await activeAdmins()).toEqual([b.id]);
  });

  it("refuses a batch that would demote or delete both, atomically", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    const member = await makeUser("member");
    await expectLastAdminRefused(
      api.as(a).users.updateMany({ ids: [member.id, a.id, b.id], data: { role: "editor" } }),
    );
    // The first two items were applied inside the transaction, and rolled back with it.
    expect(await row(member.id)).toMatchObject({ role: "member" });
    expect((await activeAdmins()).sort()).toEqual([a.id, b.id].sort());
    await expectLastAdminRefused(api.as(a).users.deleteMany({ ids: [member.id, b.id, a.id] }));
    expect(await row(member.id)).toBeDefined();
    expect((await activeAdmins()).sort()).toEqual([a.id, b.id].sort());
    // Deleting one of them in a batch is fine.
    await api.as(a).users.deleteMany({ ids: [member.id, b.id] });
    expect(await activeAdmins()).toEqual([a.id]);
  });

  it("refuses a revert that would demote the last one", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    await api.as(b).users.update({ id: a.id, data: { role: "member" } });
    await api.as(b).users.update({ id: a.id, data: { role: "admin" } });
    await api.as(a).users.update({ id: b.id, data: { role: "member" } });
    const history = await api.as(a).users.history({ id: a.id });
    const demoted = history.items.find((e) => e.after?.role === "member");
    expect(demoted).toBeDefined();
    await expectLastAdminRefused(api.as(a).users.revert({ id: a.id, entryId: demoted?.id ?? 0 }));
    expect(await activeAdmins()).toEqual([a.id]);
  });

  it("lets only one of two concurrent self-demotions through", async () => {
    const a = await makeUser("admin");
    const b = await makeUser("admin");
    // Hold the rule's lock from outside, so both writes are applied and waiting at the count before either goes on:
    // without the lock, both would count the other as still active and commit.
    const outside = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      await outside`select pg_advisory_lock(hashtextextended('atrium:users:active-admin', 0))`;
      const demotions = Promise.allSettled([
        api.as(a).users.update({ id: a.id, data: { role: "member" } }),
        api.as(b).users.update({ id: b.id, data: { role: "member" } }),
      ]);
      await expect
        .poll(
          async () => {
            const [r] = await outside<{ n: number }[]>`
              select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`;
            return r?.n;
          },
          { timeout: 10_000 },
        )
        .toBe(2);
      await outside`select pg_advisory_unlock(hashtextextended('atrium:users:active-admin', 0))`;
      const results = await demotions;
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((r) => r.status === "rejected");
      await expectLastAdminRefused(Promise.reject(refused?.reason));
      expect(await activeAdmins()).toHaveLength(1);
    } finally {
      await outside.end({ timeout: 5 });
    }
  });

  it("settles a burst of concurrent demotions of many admins with exactly one left", async () => {
    const admins = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser("admin")));
    const results = await Promise.allSettled(
      admins.map((admin) => api.as(admin).users.update({ id: admin.id, data: { blocked: true } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(await activeAdmins()).toHaveLength(1);
  });
});

describe("over HTTP", () => {
  it("answers 409 with the message on the field, for a real admin session", async () => {
    process.env.DATABASE_URL = t.url;
    const route = await import("@/app/api/trpc/[trpc]/route");
    const admin = await createUserWithPassword(
      t.db,
      { name: "Only Admin", email: "only-admin@lockout.test", role: "admin" },
      PASSWORD,
    );
    const cookie = await signInCookie(t.db, admin.email, PASSWORD);
    const res = await route.POST(
      new Request("http://localhost/api/trpc/users.update", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify(superjson.serialize({ id: admin.id, data: { role: "member" } })),
      }),
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { json: { message: string; data: { fieldErrors: unknown } } } };
    expect(body.error.json.message).toBe(LAST_ADMIN_MESSAGE);
    expect(body.error.json.data.fieldErrors).toEqual({ role: [LAST_ADMIN_MESSAGE] });
    expect(await row(admin.id)).toMatchObject({ role: "admin", blocked: false });
  });
});
