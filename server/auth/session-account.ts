/**
 * The account behind this request's session cookie, including one that must change its temporary password first
 * (which `currentUser()` treats as signed out, so it opens nothing else). For the change-password and sign-in pages.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { sessionUser } from "./actor";
import { normalizeEmail } from "./email";

export async function sessionAccount() {
  const row = await sessionUser(getDb(), await headers());
  if (!row || row.blocked) return null;
  return {
    id: row.id,
    name: row.name,
    hasPassword: row.hasPassword,
    passwordChangeRequired: row.passwordChangeRequired,
  };
}

/**
 * Whether the account with this email signs in with a temporary password. Sign-in asks right after setting the
 * cookie, which this request's headers do not carry yet, so it goes by the email just checked.
 */
export async function passwordChangeRequiredFor(email: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ required: users.passwordChangeRequired })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row?.required === true;
}
