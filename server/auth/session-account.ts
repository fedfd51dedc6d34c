/**
 * The account behind this request's session cookie, including one that must change its temporary password first
 * (which `currentUser()` treats as signed out, so it opens nothing else). For the change-password page only.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authSecret } from "./secret";
import { sessionUserId } from "./session-cookie";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function sessionAccount() {
  const userId = await sessionUserId(await headers(), authSecret());
  if (!userId || !UUID.test(userId)) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      name: users.name,
      blocked: users.blocked,
      hasPassword: users.passwordHash,
      passwordChangeRequired: users.passwordChangeRequired,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.blocked) return null;
  return {
    id: row.id,
    name: row.name,
    hasPassword: row.hasPassword !== null,
    passwordChangeRequired: row.passwordChangeRequired,
  };
}
