/** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, made sure of at every start by scripts/launch.ts. */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

const ACTIVE_ADMIN = { role: "admin", blocked: false } as const;

/**
 * Makes a (locked) user an active admin outside the API and records it in their history like an engine write would:
 * restoring someone's access is exactly what an audit trail is for. Only role and blocked are recorded, never the
 * password.
 */
export async function restoreAdminAccess(
  tx: Transaction,
  user: { id: string; role: string; blocked: boolean },
  by: string,
  passwordHash?: string,
): Promise<void> {
  await tx
    .update(users)
    .set({ ...ACTIVE_ADMIN, ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date() })
    .where(eq(users.id, user.id));
  const changed = (["role", "blocked"] as const).filter((k) => user[k] !== ACTIVE_ADMIN[k]);
  if (changed.length === 0) return;
  await tx.insert(auditLog).values({
    actorKind: "system",
    actorLabel: by,
    operation: "update",
    resource: "users",
    recordId: user.id,
    before: Object.fromEntries(changed.map((k) => [k, user[k]])),
    after: Object.fromEntries(changed.map((k) => [k, ACTIVE_ADMIN[k]])),
  });
}

export type EnsureAdminResult = "created" | "promoted" | "unblocked" | "promoted and unblocked" | "unchanged";

/**
 * Creates the admin if no user has this email. If one does, makes it an active admin (promoted, and unblocked: the
 * operator declared this account the admin, so a start-up is also the way back in after a lockout) and gives it this
 * password only when it has none: a password changed since the first start is never overwritten by the environment.
 */
export async function ensureAdmin(db: Database, email: string, password: string): Promise<EnsureAdminResult> {
  const address = normalizeEmail(email);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Locks the row (if any), so two instances starting together settle on one outcome.
    const [existing] = await tx
      .select({ id: users.id, role: users.role, blocked: users.blocked, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, address))
      .for("update");
    if (!existing) {
      const inserted = await tx
        .insert(users)
        .values({ name: "Admin", email: address, role: "admin", passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      // Lost a race with another instance creating the same admin: that one did the job.
      return inserted.length > 0 ? "created" : "unchanged";
    }
    const promoted = existing.role !== "admin";
    if (!promoted && !existing.blocked && existing.passwordHash) return "unchanged";
    await restoreAdminAccess(tx, existing, "ADMIN_EMAIL at start-up", existing.passwordHash ? undefined : passwordHash);
    if (existing.blocked) return promoted ? "promoted and unblocked" : "unblocked";
    return "promoted";
  });
}

/** The start-up log line for what `ensureAdmin` did, or null when it changed nothing. */
export function describeEnsureAdmin(email: string, result: EnsureAdminResult): string | null {
  if (result === "unchanged") return null;
  // An unblock undoes an admin's own decision (or an attacker's), so the log says why it happened.
  const why = result.includes("unblocked") ? " (ADMIN_EMAIL is made an active admin at every start)" : "";
  return `admin ${normalizeEmail(email)} ${result}${why}`;
}
