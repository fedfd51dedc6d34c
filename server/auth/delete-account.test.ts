/**
 * Deleting one's own account on a real PostgreSQL: the person goes (name, email, bio, picture, password, two-factor,
 * tokens, sessions), what they wrote stays, attributed to "Deleted user"; the last active admin cannot; the wrong
 * confirmation changes nothing; a farewell is queued to the old address.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditLog, authSessions, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { LAST_ADMIN_MESSAGE } from "@/server/resources/users";
import { resolveActor } from "./actor";
import { DELETED_NAME, deleteOwnAccount } from "./delete-account";
import { createApiToken, createUserWithPassword, signInCookie } from "./testing";

let t: TestDatabase;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const row = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0];

describe("deleteOwnAccount", () => {
  it("removes the person, keeps the row their content points at, ends every session and token, says goodbye", async () => {
    const dora = await createUserWithPassword(
      t.db,
      { name: "Dora", email: "dora@delete.test", role: "member" },
      PASSWORD,
    );
    await t.db.update(users).set({ bio: "Hello", twoFactorEnabledAt: new Date() }).where(eq(users.id, dora.id));
    const cookie = await signInCookie(t.db, dora.email, PASSWORD);
    const token = await createApiToken(t.db, dora.id, { scope: "write" });

    expect(await deleteOwnAccount(t.db, dora.id, { confirm: "dora@delete.test", currentPassword: "wrong" })).toEqual({
      ok: false,
      field: "currentPassword",
      message: "That is not your current password.",
    });
    expect(
      await deleteOwnAccount(t.db, dora.id, { confirm: "someone@else.test", currentPassword: PASSWORD }),
    ).toMatchObject({ ok: false, field: "confirm" });
    expect((await row(dora.id))?.name).toBe("Dora");

    expect(await deleteOwnAccount(t.db, dora.id, { confirm: " DORA@delete.test ", currentPassword: PASSWORD })).toEqual(
      {
        ok: true,
      },
    );
    expect(await row(dora.id)).toMatchObject({
      name: DELETED_NAME,
      email: `deleted-${dora.id}@deleted.invalid`,
      bio: "",
      avatar: null,
      blocked: true,
      passwordHash: null,
      twoFactorEnabledAt: null,
      twoFactorSecret: null,
      emailVerifiedAt: null,
    });
    // The row itself stays (same id), so whatever points at it (posts, comments: foreign keys) keeps its author.
    expect((await row(dora.id))?.id).toBe(dora.id);
    expect((await resolveActor(t.db, new Headers({ cookie }))).actor.kind).toBe("anonymous");
    const sessions = await t.db.select().from(authSessions).where(eq(authSessions.userId, dora.id));
    expect(sessions.map((s) => s.revokedReason)).toEqual(["revoked by the user"]);
    expect((await resolveActor(t.db, new Headers({ authorization: `Bearer ${token}` }))).actor.kind).toBe("anonymous");
    const tokens = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, dora.id));
    expect(tokens.every((tk) => tk.revokedAt !== null)).toBe(true);
    // Through the engine: the change is in the audit trail, without the old address in its "after".
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.recordId, dora.id));
    expect(entries.some((e) => JSON.stringify(e.after).includes(DELETED_NAME))).toBe(true);
    const farewell = await t.sql`select data::text as data from pgboss.job where name = 'mail.send'`;
    expect(farewell.map((r) => JSON.parse(r.data as string))).toContainEqual({
      to: "dora@delete.test",
      template: "account-deleted",
      props: { name: "Dora" },
    });
  });

  it("refuses the last active admin, and changes nothing", async () => {
    await t.db.update(users).set({ role: "member" }).where(sql`${users.role} = 'admin'`);
    const ada = await createUserWithPassword(t.db, { name: "Ada", email: "ada@delete.test", role: "admin" }, PASSWORD);
    await expect(deleteOwnAccount(t.db, ada.id, { confirm: ada.email, currentPassword: PASSWORD })).rejects.toThrow(
      LAST_ADMIN_MESSAGE,
    );
    expect(await row(ada.id)).toMatchObject({ name: "Ada", email: "ada@delete.test", blocked: false });
  });
});
