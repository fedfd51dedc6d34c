/** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, made sure of at every start by scripts/launch.ts. */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password";

export type EnsureAdminResult = "created" | "promoted" | "unchanged";

/**
 * Creates the admin if no user has this email. If one does, makes it an admin and gives it this password only when
 * it has none: a password changed since the first start is never overwritten by the environment.
 */
export async function ensureAdmin(db: Database, email: string, password: string): Promise<EnsureAdminResult> {
  const address = normalizeEmail(email);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Locks the row (if any), so two instances starting together settle on one outcome.
    const [existing] = await tx
      .select({ id: users.id, role: users.role, passwordHash: users.passwordHash })
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
    if (existing.role === "admin" && existing.passwordHash) return "unchanged";
    await tx
      .update(users)
      .set({ role: "admin", passwordHash: existing.passwordHash ?? passwordHash, updatedAt: new Date() })
      .where(eq(users.id, existing.id));
    return "promoted";
  });
}
