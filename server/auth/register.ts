/** Creating an account with a password (the sign-up form): see `signUp`. */
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { enqueue } from "@/server/core/jobs/enqueue";
import { signUpAttemptJob, verifyEmailJob } from "@/server/jobs/account-mail";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password";
import type { SignUpInput } from "./sign-up";

/**
 * Creates the member, unverified, and queues the verification mail; for an address that already has an account it
 * creates nothing and queues a notice to that account instead ("someone tried to sign up with your address"). The
 * caller answers "check your inbox" either way, and both paths do the same work (a password hash, one insert that
 * may do nothing, one job), so neither the answer nor its timing tells whether the address has an account. Two
 * sign-ups racing for one address: the unique index lets one insert win; the other is the "already exists" path.
 */
export async function signUp(
  db: Database,
  input: Pick<SignUpInput, "name" | "email" | "password">,
): Promise<{ created: string | null }> {
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ name: input.name, email, role: "member", passwordHash, emailVerifiedAt: null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (row) await enqueue(verifyEmailJob, { userId: row.id }, { tx });
    else await enqueue(signUpAttemptJob, { email }, { tx });
    return { created: row?.id ?? null };
  });
}
