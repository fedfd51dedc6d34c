/**
 * `npm run admin:reset -- --email someone@example.com [--password ...]`: the operator's way back in when no admin
 * can sign in (blocked, demoted, password lost). It makes that existing user an active admin and gives them a new
 * password: the one given (held to the sign-up rule), or a generated one printed once. It never creates a user.
 * scripts/launch.ts resolves the database (DATABASE_URL, or the embedded server in .data/) and runs it; Next is not
 * started.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { restoreAdminAccess } from "../server/auth/admin";
import { normalizeEmail } from "../server/auth/email";
import { hashPassword } from "../server/auth/password";
import { signUpSchema } from "../server/auth/sign-up";

export const ADMIN_RESET_USAGE =
  "usage: npm run admin:reset -- --email someone@example.com [--password <new password>]";

export interface AdminResetArgs {
  email: string;
  /** Absent: one is generated. */
  password?: string;
}

/** `--email x`, `--email=x`, `--password y`, `--password=y`; anything else is a usage error. */
export function parseAdminResetArgs(argv: readonly string[]): AdminResetArgs | { error: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const match = arg.match(/^--(email|password)(?:=(.*))?$/s);
    if (!match?.[1]) return { error: `unknown argument ${JSON.stringify(arg)}` };
    const value = match[2] ?? argv[++i];
    if (value === undefined) return { error: `--${match[1]} needs a value` };
    values[match[1]] = value;
  }
  if (!values.email?.trim()) return { error: "--email is required" };
  return { email: values.email, ...(values.password !== undefined ? { password: values.password } : {}) };
}

export type AdminResetResult =
  | { ok: true; email: string; name: string; password: string; generated: boolean }
  | { ok: false; error: string };

/** 24 characters from 144 random bits: far past any guessing, and typeable. */
function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** Promotes, unblocks and re-passwords the user with this email, in one transaction; creates nothing. */
export async function resetAdmin(db: Database, args: AdminResetArgs): Promise<AdminResetResult> {
  const email = normalizeEmail(args.email);
  const generated = args.password === undefined;
  const password = args.password ?? generatePassword();
  // The rule sign-up holds every new password to.
  const checked = signUpSchema.shape.password.safeParse(password);
  if (!checked.success) {
    return { ok: false, error: `The password was refused: ${checked.error.issues[0]?.message ?? "it is too weak."}` };
  }
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, blocked: users.blocked })
      .from(users)
      .where(eq(users.email, email))
      .for("update");
    if (!before) return { ok: false as const, error: `No user has the email ${email}; nothing was changed.` };
    await restoreAdminAccess(tx, before, "npm run admin:reset", passwordHash);
    return { ok: true as const, email: before.email, name: before.name, password, generated };
  });
}

/** Prints the outcome; the exit code is 0 on success, 1 when refused. */
export function reportAdminReset(result: AdminResetResult, say: (line: string) => void): number {
  if (!result.ok) {
    console.error(result.error);
    return 1;
  }
  say(`${result.name} <${result.email}> is now an active admin, with a new password.`);
  if (result.generated) {
    // Printed once and never stored in clear: the operator copies it now.
    console.log(
      `\n  New password: ${result.password}\n\n  It is not shown again. Sign in and keep it somewhere safe.\n`,
    );
  }
  return 0;
}
