/**
 * The admin's two-factor settings: which roles must use it. Kept in the one-row `account_settings` table, read on
 * demand (it changes rarely, and every instance must agree at once), and audited as `accountSettings` record "1".
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { accountSettings, auditLog, userRole, users } from "@/db/schema";
import type { TwoFactorActor } from "./audit";
import { type TwoFactorDb, transaction } from "./db";

export type Role = (typeof userRole.enumValues)[number];
export const ROLES: readonly Role[] = userRole.enumValues;

const SETTINGS_ID = 1;
const rolesSchema = z.array(z.enum(userRole.enumValues)).max(ROLES.length * 4);

/** Known roles, each once, in the enum's order (admin, editor, member): how they are stored and compared. */
function canonical(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** The roles that must use two-factor authentication (none by default). */
export async function requiredTwoFactorRoles(db: TwoFactorDb): Promise<Role[]> {
  const [row] = await db
    .select({ roles: accountSettings.requireTwoFactorRoles })
    .from(accountSettings)
    .where(eq(accountSettings.id, SETTINGS_ID))
    .limit(1);
  return canonical(row?.roles ?? []);
}

/** Whether a user of this role must have two-factor on to use the app. */
export async function twoFactorRequiredFor(db: TwoFactorDb, role: string): Promise<boolean> {
  return (await requiredTwoFactorRoles(db)).some((r) => r === role);
}

/** Whether this user's role must use two-factor (false for an unknown user). */
export async function twoFactorRequiredForUser(db: TwoFactorDb, userId: string): Promise<boolean> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? twoFactorRequiredFor(db, row.role) : false;
}

export type SetRolesAnswer = { ok: true; roles: Role[]; changed: boolean } | { ok: false; message: string };

/** Sets the roles that must use two-factor; anything but a list of known roles is refused. Audited when it changes. */
export async function setRequiredTwoFactorRoles(
  db: TwoFactorDb,
  roles: unknown,
  by: TwoFactorActor,
): Promise<SetRolesAnswer> {
  const parsed = rolesSchema.safeParse(roles);
  if (!parsed.success) return { ok: false, message: `Roles must be among ${ROLES.join(", ")}.` };
  const next = canonical(parsed.data);
  return transaction(db, async (tx) => {
    // The row is made by the migration; inserting it here too keeps a hand-emptied table working.
    await tx.insert(accountSettings).values({ id: SETTINGS_ID }).onConflictDoNothing();
    const [row] = await tx
      .select({ roles: accountSettings.requireTwoFactorRoles })
      .from(accountSettings)
      .where(eq(accountSettings.id, SETTINGS_ID))
      .for("update");
    const before = canonical(row?.roles ?? []);
    if (before.join() === next.join()) return { ok: true, roles: next, changed: false };
    await tx
      .update(accountSettings)
      .set({ requireTwoFactorRoles: next, updatedAt: new Date() })
      .where(eq(accountSettings.id, SETTINGS_ID));
    await tx.insert(auditLog).values({
      actorKind: by.id ? "user" : "system",
      actorId: by.id,
      actorLabel: by.name,
      operation: "update",
      resource: "accountSettings",
      recordId: String(SETTINGS_ID),
      before: { requireTwoFactorRoles: before },
      after: { requireTwoFactorRoles: next },
    });
    return { ok: true, roles: next, changed: true };
  });
}

/** Per role: active (not blocked) users, and how many of them have two-factor off. */
export async function twoFactorCoverage(db: TwoFactorDb): Promise<Record<Role, { users: number; without: number }>> {
  const [all, without] = await Promise.all([
    db.select({ role: users.role, n: count() }).from(users).where(eq(users.blocked, false)).groupBy(users.role),
    db
      .select({ role: users.role, n: count() })
      .from(users)
      .where(and(eq(users.blocked, false), isNull(users.twoFactorEnabledAt)))
      .groupBy(users.role),
  ]);
  const coverage = Object.fromEntries(ROLES.map((role) => [role, { users: 0, without: 0 }])) as Record<
    Role,
    { users: number; without: number }
  >;
  for (const row of all) coverage[row.role].users = row.n;
  for (const row of without) coverage[row.role].without = row.n;
  return coverage;
}
