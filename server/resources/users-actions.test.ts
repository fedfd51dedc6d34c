/**
 * `users.sendPasswordReset` on a real PostgreSQL: admins only; it queues its job in the action's transaction (once
 * per user while one waits), and the job issues a single-use link, audits it on the user and hands it to the outbox
 * (server/jobs/password-reset.ts), never putting the link in its output.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, authSessions, devMail, passwordResets, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resolveActor, SESSION_ENDED } from "@/server/auth/actor";
import { hashPassword } from "@/server/auth/password";
import { signInCookie } from "@/server/auth/testing";
import type { User } from "@/server/core";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";
import { passwordResetJob } from "@/server/jobs/password-reset";
import { callers, rejection } from "@/server/testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
let runtime: JobsRuntime;
const PASSWORD = "a long enough password";
const people = {} as Record<"member" | "editor" | "admin", User>;

beforeAll(async () => {
  t = await createTestDatabase();
  api = callers(t.db);
  for (const role of ["member", "editor", "admin"] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ name: `The ${role}`, email: `${role}@user-actions.test`, role })
      .returning();
    people[role] = row as User;
  }
  // The app's queues (a singleton job without its queue is silently not queued); the test runs the handler itself.
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: false, log: () => {} });
});
afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
});

describe("users.sendPasswordReset", () => {
  const queuedFor = async (userId: string) =>
    Array.from(
      await t.db.execute<{ data: string }>(
        sql`select data::text as data from pgboss.job where name = ${passwordResetJob.name} and data->>'userId' = ${userId}`,
      ),
    ).map((row) => JSON.parse(row.data) as unknown);

  it("queues the job in its transaction; the job issues a link, audits it and hands it to the outbox", async () => {
    const member = people.member;
    expect(await api.as(people.admin).users.sendPasswordReset({ id: member.id })).toEqual({ queued: true });
    expect(await queuedFor(member.id)).toEqual([
      { userId: member.id, requestedBy: { id: people.admin.id, name: people.admin.name } },
    ]);
    // Asked again while one is on its way: nothing more is queued (the job's singleton key).
    expect(await api.as(people.admin).users.sendPasswordReset({ id: member.id })).toEqual({ queued: false });

    const output = await passwordResetJob.run(
      { userId: member.id, requestedBy: { id: people.admin.id, name: people.admin.name } },
      { id: "test", attempt: 0, signal: new AbortController().signal, db: t.db },
    );
    expect(output).toMatchObject({ sent: true });
    expect(JSON.stringify(output)).not.toContain("token");
    // Without SMTP_URL the mail lands in the dev mailbox (server/mail), link and all.
    const [mail] = await t.db.select().from(devMail).where(eq(devMail.to, member.email));
    expect(mail).toMatchObject({ template: "password-reset", subject: "Reset your password" });
    expect(mail?.text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(await t.db.select().from(passwordResets).where(eq(passwordResets.userId, member.id))).toHaveLength(1);
    const trail = await t.db
      .select({ operation: auditLog.operation, after: auditLog.after, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, member.id)))
      .orderBy(asc(auditLog.id));
    expect(trail).toEqual([
      { operation: "action", after: { action: "sendPasswordReset", input: {} }, actorId: people.admin.id },
      { operation: "action", after: { action: "sendPasswordReset", input: {} }, actorId: people.admin.id },
      {
        operation: "update",
        after: { password: expect.stringContaining("reset link created") },
        actorId: people.admin.id,
      },
    ]);
  });

  it("is for admins only, and in the app's job list", async () => {
    for (const who of [people.member, people.editor]) {
      const refused = await rejection(api.as(who).users.sendPasswordReset({ id: people.member.id }));
      expect(refused).toMatchObject({
        code: "FORBIDDEN",
        message: 'users.sendPasswordReset refused by rule "admins only"',
      });
    }
    expect((await rejection(api.anonymous.users.sendPasswordReset({ id: people.member.id }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(jobs).toContain(passwordResetJob);
  });
});

describe("users.signOutEverywhere", () => {
  it("ends every session of the user (admins only); their next request is refused", async () => {
    const [victim] = await t.db
      .insert(users)
      .values({
        name: "Vic",
        email: "vic@user-actions.test",
        role: "member",
        passwordHash: await hashPassword(PASSWORD),
      })
      .returning();
    const cookies = [await signInCookie(t.db, "vic@user-actions.test", PASSWORD)];
    cookies.push(await signInCookie(t.db, "vic@user-actions.test", PASSWORD));
    for (const who of [people.member, people.editor]) {
      expect(await rejection(api.as(who).users.signOutEverywhere({ id: victim?.id ?? "" }))).toMatchObject({
        code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
      });
    }
    expect(await api.as(people.admin).users.signOutEverywhere({ id: victim?.id ?? "" })).toEqual({ ended: 2 });
    for (const cookie of cookies) {
      expect((await resolveActor(t.db, new Headers({ cookie }))).refused).toBe(SESSION_ENDED);
    }
    const sessions = await t.db
      .select()
      .from(authSessions)
      .where(eq(authSessions.userId, victim?.id ?? ""));
    expect(sessions.map((s) => s.revokedReason)).toEqual(["revoked by an admin", "revoked by an admin"]);
  });
});
