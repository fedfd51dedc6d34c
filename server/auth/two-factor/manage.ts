/**
 * A user's two-factor life cycle: enrol (a pending secret, shown as a QR code), confirm with a first code (2FA on,
 * ten recovery codes), replace the recovery codes, turn it off, and an admin's reset. Each change is one transaction
 * that locks the user's row first, so two tabs (or a tab and an admin) cannot interleave, and is audited on the user.
 *
 * Answers are values, not exceptions: `{ ok: true, ... }` or `{ ok: false, problem, message }` with a sentence the
 * form shows as it is.
 */
import { eq } from "drizzle-orm";
import { appConfig } from "@/atrium.config";
import { users } from "@/db/schema";
import { auditTwoFactor, type TwoFactorActor } from "./audit";
import { type Transaction, type TwoFactorDb, transaction } from "./db";
import { notifyTwoFactorChanged } from "./notify";
import { qrSvg } from "./qr";
import { deleteRecoveryCodes, recoveryCodesLeft, replaceRecoveryCodes, spendRecoveryCode } from "./recovery-codes";
import { sealSecret, unsealSecret } from "./seal";
import { manualKey, matchTotp, newTotpSecret, otpauthUri } from "./totp";

export type TwoFactorProblem = "not-found" | "already-enabled" | "not-pending" | "not-enabled" | "wrong-code";

export const TWO_FACTOR_MESSAGES: Record<TwoFactorProblem, string> = {
  "not-found": "This account no longer exists.",
  "already-enabled": "Two-factor authentication is already on.",
  "not-pending": "Start the setup again: this one is no longer open.",
  "not-enabled": "Two-factor authentication is not on.",
  "wrong-code": "That code is wrong or was already used. Wait for the next one and try again.",
};

export type TwoFactorRefusal = { ok: false; problem: TwoFactorProblem; message: string };
export type TwoFactorAnswer<T extends object = object> = ({ ok: true } & T) | TwoFactorRefusal;

const refuse = (problem: TwoFactorProblem): TwoFactorRefusal => ({
  ok: false,
  problem,
  message: TWO_FACTOR_MESSAGES[problem],
});

/** What the enrolment screen shows: the QR code, the URI inside it, and the same secret to type by hand. */
export interface Enrolment {
  uri: string;
  manualKey: string;
  qrSvg: string;
}

export interface TwoFactorStatus {
  /** Sign-in asks for a code. */
  enabled: boolean;
  /** Set up but not yet confirmed with a code: it does nothing until then. */
  pending: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

const cleared = { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null } as const;

/** The user's row, locked for the rest of the transaction. */
async function lockUser(tx: Transaction, userId: string) {
  const [row] = await tx
    .select({
      name: users.name,
      email: users.email,
      secret: users.twoFactorSecret,
      enabledAt: users.twoFactorEnabledAt,
      lastStep: users.twoFactorLastStep,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  return row ?? null;
}

async function enrolmentOf(email: string, secret: Uint8Array): Promise<Enrolment> {
  const uri = otpauthUri({ issuer: appConfig.name, account: email, secret });
  return { uri, manualKey: manualKey(secret), qrSvg: await qrSvg(uri) };
}

/**
 * Starts (or restarts) enrolment: a new secret, stored sealed and pending until confirmed. A pending secret from an
 * earlier start is replaced, so only the QR code on screen now works; refused while two-factor is on.
 */
export async function beginEnrolment(db: TwoFactorDb, userId: string): Promise<TwoFactorAnswer<Enrolment>> {
  const secret = newTotpSecret();
  const started = await transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return refuse("not-found");
    if (user.enabledAt) return refuse("already-enabled");
    await tx
      .update(users)
      .set({ ...cleared, twoFactorSecret: sealSecret(secret, userId) })
      .where(eq(users.id, userId));
    return { ok: true as const, email: user.email };
  });
  if (!started.ok) return started;
  return { ok: true, ...(await enrolmentOf(started.email, secret)) };
}

/** The open enrolment's QR code and key again (after a reload), or null when none is open. */
export async function pendingEnrolment(db: TwoFactorDb, userId: string): Promise<Enrolment | null> {
  const [row] = await db
    .select({ email: users.email, secret: users.twoFactorSecret, enabledAt: users.twoFactorEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.enabledAt || !row.secret) return null;
  const secret = unsealSecret(row.secret, userId);
  return secret ? enrolmentOf(row.email, secret) : null;
}

/** Drops an enrolment that was started but never confirmed (it protected nothing, so no code is asked). */
export async function cancelEnrolment(db: TwoFactorDb, userId: string): Promise<TwoFactorAnswer> {
  return transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return refuse("not-found");
    if (user.enabledAt) return refuse("already-enabled");
    await tx.update(users).set(cleared).where(eq(users.id, userId));
    return { ok: true };
  });
}

/**
 * Confirms enrolment with a code from the app, proving it holds the secret: two-factor is on from now, the code's
 * step is spent, and ten recovery codes are made (returned here, the only time they exist in plain text).
 */
export async function confirmEnrolment(
  db: TwoFactorDb,
  userId: string,
  code: unknown,
  now = new Date(),
): Promise<TwoFactorAnswer<{ recoveryCodes: string[] }>> {
  return transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return refuse("not-found");
    if (user.enabledAt) return refuse("already-enabled");
    const secret = unsealSecret(user.secret, userId);
    if (!secret) return refuse("not-pending");
    const step = matchTotp(secret, code, now, user.lastStep);
    if (step === null) return refuse("wrong-code");
    await tx
      .update(users)
      .set({ twoFactorEnabledAt: now, twoFactorLastStep: step, updatedAt: now })
      .where(eq(users.id, userId));
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await auditTwoFactor(tx, userId, { id: userId, name: user.name }, { before: "off", after: "turned on" });
    await notifyTwoFactorChanged(tx, user, "turned on");
    return { ok: true, recoveryCodes };
  });
}

/**
 * Turns two-factor off. Asks for a fresh authenticator code, or one of the recovery codes: someone who lost their
 * phone signs in with a recovery code and must be able to turn it off and enrol the new phone without an admin.
 */
export async function disableTwoFactor(
  db: TwoFactorDb,
  userId: string,
  code: unknown,
  now = new Date(),
): Promise<TwoFactorAnswer<{ with: "totp" | "recovery" }>> {
  return transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return refuse("not-found");
    if (!user.enabledAt) return refuse("not-enabled");
    const secret = unsealSecret(user.secret, userId);
    const totp = secret ? matchTotp(secret, code, now, user.lastStep) !== null : false;
    const recovery = !totp && (await spendRecoveryCode(tx, userId, code, now));
    if (!totp && !recovery) return refuse("wrong-code");
    await tx
      .update(users)
      .set({ ...cleared, updatedAt: now })
      .where(eq(users.id, userId));
    await deleteRecoveryCodes(tx, userId);
    await auditTwoFactor(
      tx,
      userId,
      { id: userId, name: user.name },
      { before: "on", after: totp ? "turned off by the user" : "turned off by the user with a recovery code" },
    );
    await notifyTwoFactorChanged(tx, user, totp ? "turned off" : "turned off with a recovery code");
    return { ok: true, with: totp ? "totp" : "recovery" };
  });
}

/** New recovery codes for old: asks for a fresh authenticator code (the old codes stop working at once). */
export async function regenerateRecoveryCodes(
  db: TwoFactorDb,
  userId: string,
  code: unknown,
  now = new Date(),
): Promise<TwoFactorAnswer<{ recoveryCodes: string[] }>> {
  return transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return refuse("not-found");
    if (!user.enabledAt) return refuse("not-enabled");
    const secret = unsealSecret(user.secret, userId);
    const step = secret ? matchTotp(secret, code, now, user.lastStep) : null;
    if (step === null) return refuse("wrong-code");
    await tx.update(users).set({ twoFactorLastStep: step }).where(eq(users.id, userId));
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await auditTwoFactor(
      tx,
      userId,
      { id: userId, name: user.name },
      { before: "on", after: "new recovery codes made; the earlier ones no longer work" },
    );
    await notifyTwoFactorChanged(tx, user, "new recovery codes were made, and the earlier ones no longer work");
    return { ok: true, recoveryCodes };
  });
}

/**
 * An admin turns a user's two-factor off (lost phone and recovery codes): secret, state and recovery codes go, and
 * the user's history names the admin. True when there was something to reset (on, or an open enrolment).
 */
export async function adminResetTwoFactor(db: TwoFactorDb, userId: string, by: TwoFactorActor): Promise<boolean> {
  return transaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user || (!user.secret && !user.enabledAt)) return false;
    await tx
      .update(users)
      .set({ ...cleared, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await deleteRecoveryCodes(tx, userId);
    await auditTwoFactor(tx, userId, by, {
      before: user.enabledAt ? "on" : "setup started",
      after: "reset by an admin",
    });
    await notifyTwoFactorChanged(tx, user, "turned off by an administrator");
    return true;
  });
}

/** Where the user stands, for their security page and for sign-in; null for an unknown user. */
export async function twoFactorStatus(db: TwoFactorDb, userId: string): Promise<TwoFactorStatus | null> {
  const [row] = await db
    .select({ secret: users.twoFactorSecret, enabledAt: users.twoFactorEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const enabled = row.enabledAt !== null;
  return {
    enabled,
    pending: !enabled && row.secret !== null,
    enabledAt: row.enabledAt,
    recoveryCodesLeft: enabled ? await recoveryCodesLeft(db, userId) : 0,
  };
}
