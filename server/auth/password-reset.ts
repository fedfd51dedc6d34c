/**
 * Getting a user back into their account without knowing their password: an admin sets a temporary one (which the
 * user must replace at their next sign-in) or makes a single-use reset link; the user chooses a new password with
 * the link, or replaces the temporary one. Issue 17's "forgot password" mail sends the same links.
 *
 * Every step is in the user's history (an audit entry on the users record naming a `password` event, never a hash),
 * and no step ever tells a caller more than the link's own validity.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditLog, passwordResets, users } from "@/db/schema";
import { appUrl } from "@/server/mail/app-url";
import { enqueueMail } from "@/server/mail/job";
import { isStorableText } from "../core/wire";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import { revokeSessions } from "./sessions";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** How long a reset link works: long enough to reach someone by chat or mail, short enough to be stale soon. */
export const RESET_LINK_MINUTES = 60;
export const RESET_LINK_PATH = "/reset-password";

export const INVALID_RESET_LINK = "This link is invalid, expired or already used. Ask for a new one.";
export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

const storable = (s: z.ZodString) => s.refine(isStorableText, "Remove the invalid characters.");

/** The new password and its confirmation, with the rules sign-up applies. */
export const newPasswordSchema = z
  .object({
    password: storable(
      z
        .string()
        .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
        .max(1024, "Use at most 1024 characters."),
    ),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

/** A reset token as it travels in the link: 43 characters of base64url. */
export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface PasswordActor {
  id: string | null;
  name: string;
  kind: "user" | "system";
}

/** The audit entry of a password event: a `password` key with what happened, never a hash or a secret. */
async function auditPassword(tx: Transaction, userId: string, by: PasswordActor, what: string) {
  await tx.insert(auditLog).values({
    actorKind: by.kind,
    actorId: by.id,
    actorLabel: by.name,
    operation: "update",
    resource: "users",
    recordId: userId,
    before: { password: "unchanged" },
    after: { password: what },
  });
}

/** "Your password was changed", to the account's address: the owner hears of it even if it was not them. */
async function notifyPasswordChanged(tx: Transaction, user: { name: string; email: string }, ip: string, when: Date) {
  await enqueueMail(tx, {
    to: user.email,
    template: "password-changed",
    props: { name: user.name, when: when.toUTCString(), ip: ip || "unknown", resetUrl: appUrl("/forgot-password") },
  });
}

// No 0/O, 1/l/I: read aloud or copied by hand, it must survive. 4 groups of 5 from 55 symbols: about 115 bits.
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function temporaryPassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

/** Sets a temporary password the user must replace at their next sign-in; the old password stops working. */
export async function setTemporaryPassword(db: Database, userId: string, by: PasswordActor) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: true, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!row) return false;
    // The links made before are for a password that no longer is: they go too, and so do the sessions it opened.
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await revokeSessions(tx, userId, "revoked by an admin");
    await auditPassword(tx, userId, by, "temporary password set, to be changed at the next sign-in");
    return true;
  });
  return done ? { password } : null;
}

/** A single-use link to choose a new password; it replaces the user's earlier links. */
export async function issueResetLink(db: Database, userId: string, by: PasswordActor, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  const done = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) return false;
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await tx
      .insert(passwordResets)
      .values({ userId, tokenHash: hashToken(token), expiresAt, createdBy: by.kind === "user" ? by.id : null });
    await auditPassword(tx, userId, by, `reset link created, valid for ${RESET_LINK_MINUTES} minutes`);
    return true;
  });
  return done ? { path: `${RESET_LINK_PATH}?token=${token}`, expiresAt } : null;
}

/** Whether a token names a live link (for the page to say so before the user types a password). */
export async function resetLinkIsValid(db: Database, token: string, now = new Date()): Promise<boolean> {
  if (!resetTokenSchema.safeParse(token).success) return false;
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .limit(1);
  return !!row;
}

/**
 * Uses a link: sets the new password and spends the link, in one transaction that claims the link first, so two
 * submits of one link cannot both succeed. Returns the user's id, or null for a link that is not (or no longer) good.
 */
export async function resetWithLink(db: Database, token: string, password: string, ip = "", now = new Date()) {
  if (!resetTokenSchema.safeParse(token).success) return null;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!link) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, updatedAt: now })
      .where(eq(users.id, link.userId))
      .returning({ id: users.id, name: users.name, email: users.email });
    if (!user) return null;
    await auditPassword(tx, user.id, { kind: "user", id: user.id, name: user.name }, "changed with a reset link");
    // Whoever knew the old password (or held a session) is out: every session ends, this browser signs in anew.
    await revokeSessions(tx, user.id, "password reset");
    await notifyPasswordChanged(tx, user, ip, now);
    return user.id;
  });
}

/**
 * A signed-in user replaces their password (a temporary one, or their own): the current one proves it is them. Their
 * other sessions end (`keepSessionId` is the one they are using), and the address on the account is told.
 */
export async function changePassword(
  db: Database,
  userId: string,
  current: string,
  next: string,
  keepSessionId?: string | null,
  ip = "",
) {
  const [user] = await db
    .select({ name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || !(await verifyPassword(current, user.passwordHash))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await auditPassword(tx, userId, { kind: "user", id: userId, name: user.name }, "changed by the user");
    await revokeSessions(tx, userId, "password changed", keepSessionId ?? undefined);
    await notifyPasswordChanged(tx, user, ip, new Date());
  });
  return true;
}
