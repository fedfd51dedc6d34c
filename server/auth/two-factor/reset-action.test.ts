/**
 * `users.resetTwoFactor`, the admin's record action: admins only, offered only on users with two-factor on, and it
 * clears the factor in the action's transaction with both the run and the reset in the user's history. Also the users
 * resource's two-factor fields: the secret and the last step never leave the database, "Two-factor since" is the
 * user's and admins' to read and nobody's to write.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, recoveryCodes, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";
import { callers, rejection } from "@/server/testing";
import { beginEnrolment, confirmEnrolment, twoFactorStatus } from ".";
import { totpCodeAt, totpStep } from "./totp";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
let runtime: JobsRuntime;
const people = {} as Record<"member" | "editor" | "admin" | "enrolled", User>;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
  // The app's queues, so the notification mails can be queued (nothing runs them here).
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: false, log: () => {} });
  for (const [key, role] of [
    ["member", "member"],
    ["editor", "editor"],
    ["admin", "admin"],
    ["enrolled", "member"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: `The ${key}`, email: `${key}@reset-action.test`, role })
      .returning();
    people[key] = row as User;
  }
});
afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
});

async function turnOn(userId: string) {
  const started = await beginEnrolment(t.db, userId);
  if (!started.ok) throw new Error(started.message);
  const secret = decodeBase32IgnorePadding(started.manualKey.replaceAll(" ", ""));
  const confirmed = await confirmEnrolment(t.db, userId, totpCodeAt(secret, totpStep(Date.now())));
  if (!confirmed.ok) throw new Error(confirmed.message);
}

describe("users.resetTwoFactor", () => {
  it("is offered to admins only, and only on users with two-factor on", async () => {
    const target = people.enrolled.id;
    expect(await api.as(people.admin).users.availableActions({ id: target })).not.toContain("resetTwoFactor");
    await turnOn(target);
    expect(await api.as(people.admin).users.availableActions({ id: target })).toContain("resetTwoFactor");
    for (const who of [people.member, people.editor, people.enrolled]) {
      expect(await api.as(who).users.availableActions({ id: target })).not.toContain("resetTwoFactor");
      const refused = await rejection(api.as(who).users.resetTwoFactor({ id: target }));
      expect(refused.code).toBe("FORBIDDEN");
    }
    expect((await rejection(api.anonymous.users.resetTwoFactor({ id: target }))).code).toBe("UNAUTHORIZED");
    // A user without two-factor: nothing to reset, so the rule does not cover them.
    expect((await rejection(api.as(people.admin).users.resetTwoFactor({ id: people.member.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await twoFactorStatus(t.db, target))?.enabled).toBe(true);
  });

  it("clears the factor and the recovery codes, with the admin named in the user's history", async () => {
    const target = people.enrolled.id;
    expect(await api.as(people.admin).users.resetTwoFactor({ id: target })).toEqual({ reset: true });
    expect(await twoFactorStatus(t.db, target)).toEqual({
      enabled: false,
      pending: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, target))).toEqual([]);
    const trail = await t.db
      .select({ operation: auditLog.operation, after: auditLog.after, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, target)))
      .orderBy(asc(auditLog.id));
    expect(trail.slice(-2)).toEqual([
      { operation: "action", after: { action: "resetTwoFactor", input: {} }, actorId: people.admin.id },
      { operation: "update", after: { twoFactor: "reset by an admin" }, actorId: people.admin.id },
    ]);
    expect(await api.as(people.admin).users.availableActions({ id: target })).not.toContain("resetTwoFactor");
  });
});

describe("the users resource's account fields", () => {
  it("never returns the sealed secret or the last step, and shows two-factor and verification to self and admins", async () => {
    await turnOn(people.enrolled.id);
    const id = people.enrolled.id;
    for (const who of [people.enrolled, people.admin]) {
      const record = await api.as(who).users.get({ id });
      expect(record).not.toHaveProperty("twoFactorSecret");
      expect(record).not.toHaveProperty("twoFactorLastStep");
      expect(record.twoFactorEnabledAt).toBeInstanceOf(Date);
      expect(record).toHaveProperty("emailVerifiedAt");
      expect(record).toHaveProperty("signInAlerts", true);
    }
    const seenByOthers = await api.as(people.member).users.get({ id });
    for (const key of [
      "twoFactorSecret",
      "twoFactorLastStep",
      "twoFactorEnabledAt",
      "emailVerifiedAt",
      "signInAlerts",
    ]) {
      expect(seenByOthers).not.toHaveProperty(key);
    }
    const listed = await api.as(people.admin).users.list({ perPage: 100 });
    expect(JSON.stringify(listed)).not.toMatch(/twoFactorSecret|twoFactorLastStep|"v1\./);
  });

  it("lets the user and admins switch sign-in alerts, and nobody write two-factor or verification state", async () => {
    const id = people.enrolled.id;
    expect((await api.as(people.enrolled).users.update({ id, data: { signInAlerts: false } })).signInAlerts).toBe(
      false,
    );
    expect((await api.as(people.admin).users.update({ id, data: { signInAlerts: true } })).signInAlerts).toBe(true);
    expect((await rejection(api.as(people.member).users.update({ id, data: { signInAlerts: false } }))).code).toMatch(
      /FORBIDDEN|NOT_FOUND/,
    );
    for (const data of [
      { twoFactorEnabledAt: null },
      { twoFactorSecret: "v1.x.y" },
      { twoFactorLastStep: 0 },
      { emailVerifiedAt: null },
    ]) {
      const refused = await rejection(api.as(people.admin).users.update({ id, data } as never));
      expect(refused.code).toBe("BAD_REQUEST");
    }
    expect((await twoFactorStatus(t.db, id))?.enabled).toBe(true);
  });
});
