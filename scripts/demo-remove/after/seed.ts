/**
 * The development seed: a few users, one per role, so each view of the app can be tried. Deterministic, and
 * idempotent: it writes only into an empty database and does nothing the second time. Add your own sample data here.
 */
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";

export const DEMO_USERS = [
  { name: "Ada Admin", email: "admin@example.com", role: "admin", bio: "Runs this place." },
  { name: "Eddie Editor", email: "editor@example.com", role: "editor", bio: "Keeps things tidy." },
  { name: "Mia Member", email: "mia@example.com", role: "member", bio: "" },
] as const;

/**
 * In development only (`npm run dev`), the seeded users other than the admin sign in with this password, so the
 * editor and member views can be tried. Never set in production or tests.
 */
export const DEMO_PASSWORD = "atrium-demo";

// Serialises concurrent seeders (two instances starting at once) so the emptiness check cannot race.
const SEED_LOCK_ID = 7_246_813_370_002;

/** Seeds the users if the database has none yet. Returns whether anything was written. */
export async function seedDemoData(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
    const existing = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing.length > 0) return false;
    await tx.insert(users).values(DEMO_USERS.map((u) => ({ ...u })));
    return true;
  });
}

/**
 * Gives the seeded users other than `adminEmail` this password hash where they have none yet (idempotent). Returns
 * the seeded emails present, for the start-up banner.
 */
export async function setDemoPasswords(db: Database, passwordHash: string, adminEmail: string): Promise<string[]> {
  const emails = DEMO_USERS.map((u) => u.email as string).filter((e) => e !== adminEmail);
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(inArray(users.email, emails), isNull(users.passwordHash)));
  const present = await db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
  return emails.filter((e) => present.some((p) => p.email === e));
}
