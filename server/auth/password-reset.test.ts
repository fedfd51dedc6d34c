/**
 * Admin password resets on a real PostgreSQL with real sessions: a temporary password replaces the old one and opens
 * nothing but the change page until replaced; a reset link works once, only before it expires, and a newer one
 * replaces it; every step is in the user's history without a secret; the admin procedures refuse everyone else.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, passwordResets, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { createCaller } from "../router";
import { callers, rejection } from "../testing";
import { createContext } from "../trpc";
import { PASSWORD_CHANGE_REQUIRED, resolveActor, SESSION_ENDED } from "./actor";
import { authorizeCredentials } from "./credentials";
import {
  changePassword,
  issueResetLink,
  RESET_LINK_MINUTES,
  resetLinkIsValid,
  resetWithLink,
  setTemporaryPassword,
} from "./password-reset";
import { createApiToken, createUserWithPassword, sessionIdOf, signInCookie } from "./testing";

let t: TestDatabase;
type TestUser = Awaited<ReturnType<typeof createUserWithPassword>>;
let admin: TestUser;
let member: TestUser;
const ADMIN = { kind: "user" as const, id: "", name: "Ada Admin" };
const OLD = "member's old password";

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createUserWithPassword(
    t.db,
    { name: "Ada Admin", email: "ada@reset.test", role: "admin" },
    "admin's password 1",
  );
  member = await createUserWithPassword(t.db, { name: "Max Member", email: "max@reset.test", role: "member" }, OLD);
  ADMIN.id = admin.id;
});
afterAll(() => t.drop());

const signIn = (email: string, password: string) =>
  authorizeCredentials(
    t.db,
    { email, password },
    new Headers({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` }),
  );
const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get("token") ?? "";

describe("temporary passwords", () => {
  it("replace the old password, and the session opens nothing until the user chooses their own", async () => {
    const done = await setTemporaryPassword(t.db, member.id, ADMIN);
    expect(done?.password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const temporary = done?.password as string;
    await expect(signIn(member.email, OLD)).rejects.toThrow();
    const cookie = await signInCookie(t.db, member.email, temporary);
    expect(await resolveActor(t.db, new Headers({ cookie }))).toEqual({
      actor: { kind: "anonymous" },
      refused: PASSWORD_CHANGE_REQUIRED,
    });

    expect(await changePassword(t.db, member.id, "not the temporary one", "a brand new password")).toBe(false);
    // The session that changed it stays; every other session of the user ends.
    const other = await signInCookie(t.db, member.email, temporary);
    expect(await changePassword(t.db, member.id, temporary, "a brand new password", await sessionIdOf(cookie))).toBe(
      true,
    );
    expect(await resolveActor(t.db, new Headers({ cookie: other }))).toEqual({
      actor: { kind: "anonymous" },
      refused: SESSION_ENDED,
    });
    const { actor } = await resolveActor(t.db, new Headers({ cookie }));
    expect(actor.kind).toBe("user");
    await expect(signIn(member.email, "a brand new password")).resolves.toMatchObject({ id: member.id });
  });

  it("are recorded in the user's history as events, never as hashes or secrets", async () => {
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.recordId, member.id));
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/scrypt|\$/);
    expect(entries.map((e) => e.after?.password)).toEqual(
      expect.arrayContaining(["temporary password set, to be changed at the next sign-in", "changed by the user"]),
    );
    expect(entries.find((e) => e.after?.password?.toString().startsWith("temporary"))?.actorId).toBe(admin.id);
  });
});

describe("reset links", () => {
  it("work once, and the old password keeps working until then", async () => {
    const link = await issueResetLink(t.db, member.id, ADMIN);
    const token = tokenOf(link?.path ?? "");
    expect(link?.path).toMatch(/^\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(await resetLinkIsValid(t.db, token)).toBe(true);
    await expect(signIn(member.email, "a brand new password")).resolves.toBeTruthy();

    // Two submits of one link race: exactly one wins.
    const results = await Promise.all([
      resetWithLink(t.db, token, "password from the link A"),
      resetWithLink(t.db, token, "password from the link B"),
    ]);
    expect(results.filter((r) => r === member.id)).toHaveLength(1);
    expect(await resetLinkIsValid(t.db, token)).toBe(false);
    expect(await resetWithLink(t.db, token, "a third password here")).toBeNull();
    const winner = results[0] === member.id ? "password from the link A" : "password from the link B";
    await expect(signIn(member.email, winner)).resolves.toBeTruthy();
  });

  it("expire, and a newer link replaces an older one", async () => {
    const past = new Date(Date.now() - (RESET_LINK_MINUTES + 1) * 60_000);
    const stale = await issueResetLink(t.db, member.id, ADMIN, past);
    expect(await resetWithLink(t.db, tokenOf(stale?.path ?? ""), "too late for this one")).toBeNull();

    const first = await issueResetLink(t.db, member.id, ADMIN);
    const second = await issueResetLink(t.db, member.id, ADMIN);
    expect(await resetLinkIsValid(t.db, tokenOf(first?.path ?? ""))).toBe(false);
    expect(await resetLinkIsValid(t.db, tokenOf(second?.path ?? ""))).toBe(true);
    const stored = await t.db.select().from(passwordResets).where(eq(passwordResets.userId, member.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(tokenOf(second?.path ?? ""));
  });

  it("refuse any other token without an error and without touching the database", async () => {
    const [before] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, member.id));
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (token) => {
        expect(await resetLinkIsValid(t.db, token)).toBe(false);
        expect(await resetWithLink(t.db, token, "whatever password")).toBeNull();
      }),
      { numRuns: 30 },
    );
    const [after] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, member.id));
    expect(after?.hash).toBe(before?.hash);
  });
});

describe("the admin procedures", () => {
  const asAdminSession = () => callers(t.db).as(admin);

  it("answer an admin's browser session", async () => {
    const link = await asAdminSession().passwords.createResetLink({ userId: member.id });
    expect(link.validMinutes).toBe(RESET_LINK_MINUTES);
    const temp = await asAdminSession().passwords.setTemporary({ userId: member.id });
    expect(temp.password.length).toBe(23);
  });

  it("refuse members, API tokens, the admin's own account, unknown users and malformed ids", async () => {
    expect((await rejection(callers(t.db).as(member).passwords.setTemporary({ userId: admin.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejection(callers(t.db).anonymous.passwords.createResetLink({ userId: member.id }))).code).toBe(
      "UNAUTHORIZED",
    );
    // An admin's API token, resolved the way a request's Authorization header is.
    const token = await createApiToken(t.db, admin.id, { scope: "write" });
    const viaToken = await resolveActor(t.db, new Headers({ authorization: `Bearer ${token}` }));
    const tokenCaller = createCaller(createContext({ db: t.db, actor: viaToken.actor }));
    expect((await rejection(tokenCaller.passwords.setTemporary({ userId: member.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(asAdminSession().passwords.setTemporary({ userId: admin.id }))).code).toBe("BAD_REQUEST");
    expect(
      (await rejection(asAdminSession().passwords.setTemporary({ userId: "00000000-0000-4000-8000-000000000000" })))
        .code,
    ).toBe("NOT_FOUND");
    const bad = await rejection(asAdminSession().passwords.setTemporary({ userId: "x'; drop table users; --" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fieldErrors.userId).toBeDefined();
  });
});
