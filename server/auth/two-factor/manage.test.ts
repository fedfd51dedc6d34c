/**
 * Two-factor on a real PostgreSQL: enrol, confirm, the sign-in check, recovery codes, new codes, turning it off, the
 * admin's reset and the required roles. The database is checked after each step: the secret is stored sealed, codes
 * only as keyed hashes, every change is in the user's history without a secret, and single use holds under
 * concurrency.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountSettings, auditLog, recoveryCodes, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { type JobsRuntime, startJobs } from "@/server/core/jobs/runtime";
import { jobs } from "@/server/jobs";
import {
  adminResetTwoFactor,
  beginEnrolment,
  cancelEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  regenerateRecoveryCodes,
  requiredTwoFactorRoles,
  setRequiredTwoFactorRoles,
  twoFactorCoverage,
  twoFactorRequiredFor,
  twoFactorStatus,
  verifySecondFactor,
} from ".";
import { totpCodeAt, totpStep } from "./totp";

let t: TestDatabase;
let runtime: JobsRuntime;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
/** A moment `steps` 30-second steps after T0. */
const at = (steps: number) => new Date(T0 + steps * 30_000);
/** What the user's app shows at that moment, computed from the key they were shown. */
const codeFor = (manualKey: string, when: Date) =>
  totpCodeAt(decodeBase32IgnorePadding(manualKey.replaceAll(" ", "")), totpStep(when));

async function newUser(name: string, role: "admin" | "editor" | "member" = "member") {
  const [row] = await t.db
    .insert(users)
    .values({ name, email: `${name.toLowerCase().replaceAll(" ", ".")}@two-factor.test`, role })
    .returning({ id: users.id, name: users.name, email: users.email });
  if (!row) throw new Error("no user");
  return row;
}

/** A user with two-factor on (confirmed at step 0): their manual key and recovery codes. */
async function enrolled(name: string) {
  const user = await newUser(name);
  const started = await beginEnrolment(t.db, user.id);
  if (!started.ok) throw new Error(started.message);
  const confirmed = await confirmEnrolment(t.db, user.id, codeFor(started.manualKey, at(0)), at(0));
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { ...user, key: started.manualKey, codes: confirmed.recoveryCodes };
}

const row = async (id: string) => {
  const [r] = await t.db.select().from(users).where(eq(users.id, id));
  return r;
};
const trail = (id: string) =>
  t.db
    .select({ before: auditLog.before, after: auditLog.after, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.resource, "users"), eq(auditLog.recordId, id)))
    .orderBy(auditLog.id);
const twoFactorEvents = async (id: string) =>
  (await trail(id)).map((e) => e.after?.twoFactor).filter((v): v is string => typeof v === "string");

/** The "two-factor changed" mails queued to this address (what changed, in order). */
const mailsTo = async (email: string) =>
  Array.from(
    await t.db.execute<{ data: string }>(
      sql`select data::text as data from pgboss.job where name = 'mail.send' and data->>'to' = ${email} order by created_on, id`,
    ),
  ).map((row) => {
    const data = JSON.parse(row.data) as { template: string; props: { change: string } };
    expect(data.template).toBe("two-factor-changed");
    return data.props.change;
  });

beforeAll(async () => {
  t = await createTestDatabase();
  // The app's queues, so the notification mails can be queued (nothing runs them here).
  runtime = await startJobs({ url: t.url, db: t.db, jobs, work: false, log: () => {} });
});
afterAll(async () => {
  await runtime.stop(1_000);
  await t.drop();
});

describe("enrolment", () => {
  it("stores a sealed, pending secret and shows it as a QR code and a manual key", async () => {
    const user = await newUser("Eve Enrol");
    const started = await beginEnrolment(t.db, user.id);
    if (!started.ok) throw new Error(started.message);
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/Atrium:eve\.enrol%40two-factor\.test\?/);
    expect(started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(started.manualKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);

    const stored = await row(user.id);
    const base32 = started.manualKey.replaceAll(" ", "");
    expect(stored?.twoFactorSecret).toMatch(/^v1\./);
    expect(stored?.twoFactorSecret).not.toContain(base32);
    expect(stored?.twoFactorSecret).not.toContain(Buffer.from(decodeBase32IgnorePadding(base32)).toString("hex"));
    expect(stored?.twoFactorEnabledAt).toBeNull();
    expect(await twoFactorStatus(t.db, user.id)).toEqual({
      enabled: false,
      pending: true,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    // A reload shows the same enrolment again.
    expect((await pendingEnrolment(t.db, user.id))?.manualKey).toBe(started.manualKey);
  });

  it("restarting replaces the pending secret: only the newest QR code confirms", async () => {
    const user = await newUser("Rita Restart");
    const first = await beginEnrolment(t.db, user.id);
    const second = await beginEnrolment(t.db, user.id);
    if (!first.ok || !second.ok) throw new Error("enrolment refused");
    expect(second.manualKey).not.toBe(first.manualKey);
    expect(await confirmEnrolment(t.db, user.id, codeFor(first.manualKey, at(0)), at(0))).toMatchObject({
      ok: false,
      problem: "wrong-code",
    });
    expect((await confirmEnrolment(t.db, user.id, codeFor(second.manualKey, at(0)), at(0))).ok).toBe(true);
  });

  it("confirms with a code: on, ten recovery codes kept only as keyed hashes, audited without a secret", async () => {
    const user = await newUser("Cora Confirm");
    const started = await beginEnrolment(t.db, user.id);
    if (!started.ok) throw new Error(started.message);
    for (const wrong of ["000000", "12345", "not a code", codeFor(started.manualKey, at(5))]) {
      expect(await confirmEnrolment(t.db, user.id, wrong, at(0))).toMatchObject({ ok: false, problem: "wrong-code" });
    }
    const confirmed = await confirmEnrolment(t.db, user.id, codeFor(started.manualKey, at(0)), at(0));
    if (!confirmed.ok) throw new Error(confirmed.message);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);

    const stored = await row(user.id);
    expect(stored?.twoFactorEnabledAt).toEqual(at(0));
    expect(stored?.twoFactorLastStep).toBe(totpStep(at(0)));
    const hashes = await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(hashes).toHaveLength(10);
    const dump = JSON.stringify(hashes);
    for (const code of confirmed.recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace("-", ""));
    }
    expect(await twoFactorStatus(t.db, user.id)).toEqual({
      enabled: true,
      pending: false,
      enabledAt: at(0),
      recoveryCodesLeft: 10,
    });
    expect(await twoFactorEvents(user.id)).toEqual(["turned on"]);
    expect(await mailsTo(user.email)).toEqual(["turned on"]);

    // Once on, neither a new setup nor a second confirmation is possible.
    expect(await beginEnrolment(t.db, user.id)).toMatchObject({ ok: false, problem: "already-enabled" });
    expect(await confirmEnrolment(t.db, user.id, codeFor(started.manualKey, at(1)), at(1))).toMatchObject({
      ok: false,
      problem: "already-enabled",
    });
    expect(await pendingEnrolment(t.db, user.id)).toBeNull();
  });

  it("a setup can be cancelled without a code; nothing else changes", async () => {
    const user = await newUser("Cal Cancel");
    await beginEnrolment(t.db, user.id);
    expect(await cancelEnrolment(t.db, user.id)).toEqual({ ok: true });
    expect(await twoFactorStatus(t.db, user.id)).toMatchObject({ enabled: false, pending: false });
    expect(await confirmEnrolment(t.db, user.id, "123456")).toMatchObject({ ok: false, problem: "not-pending" });
  });

  it("a secret sealed for another user does not open (copying the column does not copy the factor)", async () => {
    const a = await newUser("Alf Copy");
    const b = await newUser("Bea Copy");
    const started = await beginEnrolment(t.db, a.id);
    if (!started.ok) throw new Error(started.message);
    const sealed = (await row(a.id))?.twoFactorSecret ?? null;
    await t.db.update(users).set({ twoFactorSecret: sealed }).where(eq(users.id, b.id));
    expect(await confirmEnrolment(t.db, b.id, codeFor(started.manualKey, at(0)), at(0))).toMatchObject({
      ok: false,
      problem: "not-pending",
    });
  });
});

describe("the sign-in check (verifySecondFactor)", () => {
  it("accepts the current code once, one step of skew either side, and never two steps off", async () => {
    const user = await enrolled("Tom Totp");
    // The confirmation spent step 0.
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(0)), at(0))).toBeNull();
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(10)), at(10))).toBe("totp");
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(10)), at(10))).toBeNull();
    // Clock skew: the app one step behind, then one step ahead.
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(19)), at(20))).toBe("totp");
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(31)), at(30))).toBe("totp");
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(38)), at(40))).toBeNull();
    expect(await verifySecondFactor(t.db, user.id, codeFor(user.key, at(42)), at(40))).toBeNull();
    expect((await row(user.id))?.twoFactorLastStep).toBe(totpStep(at(31)));
  });

  it("lets exactly one of two concurrent sign-ins with the same code through", async () => {
    const user = await enrolled("Cam Concurrent");
    for (let round = 1; round <= 5; round++) {
      const when = at(round * 10);
      const code = codeFor(user.key, when);
      const results = await Promise.all(Array.from({ length: 4 }, () => verifySecondFactor(t.db, user.id, code, when)));
      expect(results.filter((r) => r === "totp")).toHaveLength(1);
    }
  });

  it("accepts each recovery code once, in any case and with or without the dash, and records it", async () => {
    const user = await enrolled("Rex Recovery");
    const [first, second, third] = user.codes as [string, string, string];
    expect(await verifySecondFactor(t.db, user.id, first, at(1))).toBe("recovery");
    expect(await verifySecondFactor(t.db, user.id, first, at(1))).toBeNull();
    expect(await verifySecondFactor(t.db, user.id, second.toUpperCase().replace("-", " "), at(1))).toBe("recovery");
    expect(await verifySecondFactor(t.db, user.id, ` ${third.replace("-", "")} `, at(1))).toBe("recovery");
    expect((await twoFactorStatus(t.db, user.id))?.recoveryCodesLeft).toBe(7);
    expect(await twoFactorEvents(user.id)).toEqual([
      "turned on",
      "a recovery code was used; 9 left",
      "a recovery code was used; 8 left",
      "a recovery code was used; 7 left",
    ]);
  });

  it("lets exactly one of two concurrent uses of one recovery code through", async () => {
    const user = await enrolled("Dora Double");
    for (const code of user.codes.slice(0, 5)) {
      const results = await Promise.all([
        verifySecondFactor(t.db, user.id, code, at(1)),
        verifySecondFactor(t.db, user.id, code, at(1)),
      ]);
      expect(results.sort()).toEqual(["recovery", null].sort());
    }
    expect((await twoFactorStatus(t.db, user.id))?.recoveryCodesLeft).toBe(5);
  });

  it("refuses another user's recovery codes, and any code while two-factor is off or merely pending", async () => {
    const a = await enrolled("Ann Owner");
    const b = await enrolled("Ben Other");
    expect(await verifySecondFactor(t.db, b.id, a.codes[0], at(1))).toBeNull();
    expect(await verifySecondFactor(t.db, b.id, codeFor(a.key, at(5)), at(5))).toBeNull();

    const pending = await newUser("Pat Pending");
    const started = await beginEnrolment(t.db, pending.id);
    if (!started.ok) throw new Error(started.message);
    expect(await verifySecondFactor(t.db, pending.id, codeFor(started.manualKey, at(0)), at(0))).toBeNull();
    const off = await newUser("Olly Off");
    expect(await verifySecondFactor(t.db, off.id, "123456", at(0))).toBeNull();
  });

  it("answers null, without throwing or writing, to anything a visitor can type", async () => {
    const user = await enrolled("Gus Garbage");
    const before = await row(user.id);
    for (const bad of ["", "x".repeat(100_000), "\u0000", "' or 1=1 --", "１２３４５６", null, 123456, {}]) {
      expect(await verifySecondFactor(t.db, user.id, bad, at(3))).toBeNull();
    }
    expect(await verifySecondFactor(t.db, "not-a-uuid", "123456")).toBeNull();
    expect(await verifySecondFactor(t.db, "00000000-0000-4000-8000-000000000000", "123456")).toBeNull();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.anything()).filter((v) => !(typeof v === "string" && /^[\s\d]+$/.test(v))),
        async (input) => {
          expect(await verifySecondFactor(t.db, user.id, input, at(3))).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
    expect(await row(user.id)).toEqual(before);
    expect((await twoFactorStatus(t.db, user.id))?.recoveryCodesLeft).toBe(10);
  });
});

describe("recovery codes and turning off", () => {
  it("new recovery codes need a fresh authenticator code and replace the old ones", async () => {
    const user = await enrolled("Nia New");
    expect(await regenerateRecoveryCodes(t.db, user.id, "000000", at(2))).toMatchObject({
      ok: false,
      problem: "wrong-code",
    });
    // A recovery code is not enough to make new ones, nor is the code already spent on confirming.
    expect(await regenerateRecoveryCodes(t.db, user.id, user.codes[0], at(2))).toMatchObject({ ok: false });
    expect(await regenerateRecoveryCodes(t.db, user.id, codeFor(user.key, at(0)), at(0))).toMatchObject({ ok: false });
    const renewed = await regenerateRecoveryCodes(t.db, user.id, codeFor(user.key, at(2)), at(2));
    if (!renewed.ok) throw new Error(renewed.message);
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.recoveryCodes.some((c) => user.codes.includes(c))).toBe(false);
    expect(await verifySecondFactor(t.db, user.id, user.codes[1], at(3))).toBeNull();
    expect(await verifySecondFactor(t.db, user.id, renewed.recoveryCodes[0], at(3))).toBe("recovery");
    expect(await twoFactorEvents(user.id)).toContain("new recovery codes made; the earlier ones no longer work");
    expect(await mailsTo(user.email)).toEqual([
      "turned on",
      "new recovery codes were made, and the earlier ones no longer work",
    ]);
  });

  it("turning off needs a fresh code, then clears the secret, the state and every recovery code", async () => {
    const user = await enrolled("Otto Off");
    expect(await disableTwoFactor(t.db, user.id, "000000", at(4))).toMatchObject({ ok: false, problem: "wrong-code" });
    expect(await disableTwoFactor(t.db, user.id, codeFor(user.key, at(0)), at(0))).toMatchObject({ ok: false });
    expect(await disableTwoFactor(t.db, user.id, codeFor(user.key, at(4)), at(4))).toEqual({ ok: true, with: "totp" });
    const stored = await row(user.id);
    expect(stored).toMatchObject({ twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null });
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect(await verifySecondFactor(t.db, user.id, user.codes[0], at(5))).toBeNull();
    expect(await disableTwoFactor(t.db, user.id, codeFor(user.key, at(6)), at(6))).toMatchObject({
      ok: false,
      problem: "not-enabled",
    });
    expect(await twoFactorEvents(user.id)).toEqual(["turned on", "turned off by the user"]);
    expect(await mailsTo(user.email)).toEqual(["turned on", "turned off"]);
  });

  it("a recovery code also turns it off (the lost-phone path), and can then be set up again", async () => {
    const user = await enrolled("Lia Lost");
    expect(await disableTwoFactor(t.db, user.id, user.codes[3]?.toUpperCase(), at(4))).toEqual({
      ok: true,
      with: "recovery",
    });
    expect((await twoFactorStatus(t.db, user.id))?.enabled).toBe(false);
    expect((await beginEnrolment(t.db, user.id)).ok).toBe(true);
    expect(await twoFactorEvents(user.id)).toEqual(["turned on", "turned off by the user with a recovery code"]);
    expect(await mailsTo(user.email)).toEqual(["turned on", "turned off with a recovery code"]);
  });

  it("an admin's reset clears everything and names the admin in the user's history", async () => {
    const admin = await newUser("Ada Admin", "admin");
    const user = await enrolled("Una Unlucky");
    expect(await adminResetTwoFactor(t.db, user.id, admin)).toBe(true);
    expect(await row(user.id)).toMatchObject({
      twoFactorSecret: null,
      twoFactorEnabledAt: null,
      twoFactorLastStep: null,
    });
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    const last = (await trail(user.id)).at(-1);
    expect(last).toEqual({ before: { twoFactor: "on" }, after: { twoFactor: "reset by an admin" }, actorId: admin.id });
    expect(await mailsTo(user.email)).toEqual(["turned on", "turned off by an administrator"]);
    // Nothing to reset: no entry, no mail.
    expect(await adminResetTwoFactor(t.db, user.id, admin)).toBe(false);
    expect(await trail(user.id)).toHaveLength(2);
    expect(await mailsTo(user.email)).toHaveLength(2);
  });

  it("a change that is refused (or rolled back) queues no mail", async () => {
    const user = await enrolled("Walt Wrong");
    await disableTwoFactor(t.db, user.id, "000000", at(4));
    await regenerateRecoveryCodes(t.db, user.id, "000000", at(4));
    expect(await mailsTo(user.email)).toEqual(["turned on"]);
  });

  it("no audit entry or queued mail anywhere holds a secret, a code or a hash", async () => {
    const user = await enrolled("Sid Secretive");
    const renewed = await regenerateRecoveryCodes(t.db, user.id, codeFor(user.key, at(1)), at(1));
    if (!renewed.ok) throw new Error(renewed.message);
    await verifySecondFactor(t.db, user.id, renewed.recoveryCodes[0], at(2));
    await disableTwoFactor(t.db, user.id, renewed.recoveryCodes[1], at(2));
    const mails = await t.db.execute(sql`select data::text from pgboss.job where name = 'mail.send'`);
    const entries = JSON.stringify([await t.db.select().from(auditLog), Array.from(mails)]);
    const secret = user.key.replaceAll(" ", "");
    expect(entries).not.toContain(secret);
    expect(entries).not.toContain(secret.toLowerCase());
    expect(entries).not.toMatch(/v1\.[A-Za-z0-9_-]{16}\./);
    expect(entries).not.toMatch(/[0-9a-f]{64}/);
    for (const code of [...user.codes, ...renewed.recoveryCodes]) {
      expect(entries).not.toContain(code);
      expect(entries).not.toContain(code.replace("-", ""));
    }
  });
});

describe("required roles", () => {
  it("are none by default, stored in the enum's order, validated, and audited when they change", async () => {
    const admin = await newUser("Ida Settings", "admin");
    expect(await requiredTwoFactorRoles(t.db)).toEqual([]);
    expect(await twoFactorRequiredFor(t.db, "admin")).toBe(false);

    expect(await setRequiredTwoFactorRoles(t.db, ["editor", "admin", "admin"], admin)).toEqual({
      ok: true,
      roles: ["admin", "editor"],
      changed: true,
    });
    expect(await requiredTwoFactorRoles(t.db)).toEqual(["admin", "editor"]);
    expect(await twoFactorRequiredFor(t.db, "editor")).toBe(true);
    expect(await twoFactorRequiredFor(t.db, "member")).toBe(false);

    for (const bad of [["root"], "admin", [1], null, { admin: true }, Array(100).fill("admin")]) {
      expect(await setRequiredTwoFactorRoles(t.db, bad, admin)).toMatchObject({ ok: false });
    }
    expect(await setRequiredTwoFactorRoles(t.db, ["admin", "editor"], admin)).toMatchObject({ changed: false });
    expect(await requiredTwoFactorRoles(t.db)).toEqual(["admin", "editor"]);

    const entries = await t.db
      .select({ before: auditLog.before, after: auditLog.after, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.resource, "accountSettings"));
    expect(entries).toEqual([
      {
        before: { requireTwoFactorRoles: [] },
        after: { requireTwoFactorRoles: ["admin", "editor"] },
        actorId: admin.id,
      },
    ]);

    // A hand-emptied table still works.
    await t.db.delete(accountSettings);
    expect(await requiredTwoFactorRoles(t.db)).toEqual([]);
    expect((await setRequiredTwoFactorRoles(t.db, ["admin"], admin)).ok).toBe(true);
    expect(await requiredTwoFactorRoles(t.db)).toEqual(["admin"]);
  });

  it("counts, per role, the active users without two-factor", async () => {
    const coverage = await twoFactorCoverage(t.db);
    const all = await t.db
      .select({ role: users.role, on: users.twoFactorEnabledAt, blocked: users.blocked })
      .from(users);
    for (const role of ["admin", "editor", "member"] as const) {
      const active = all.filter((u) => u.role === role && !u.blocked);
      expect(coverage[role]).toEqual({ users: active.length, without: active.filter((u) => !u.on).length });
    }
    expect(coverage.member.users).toBeGreaterThan(coverage.member.without);
  });
});
