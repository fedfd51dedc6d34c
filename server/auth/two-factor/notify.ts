/**
 * "Two-factor authentication changed" to the account's address, queued in the change's transaction (server/mail): the
 * owner hears of it even when it was not them, and only if the change committed. The mail names what happened,
 * never a secret or a code.
 */
import { enqueueMail } from "@/server/mail/job";
import type { TwoFactorDb } from "./db";

export async function notifyTwoFactorChanged(
  tx: TwoFactorDb,
  user: { name: string; email: string },
  /** Finishes "Two-factor authentication on your account was changed: ...". */
  change: string,
) {
  await enqueueMail(tx, { to: user.email, template: "two-factor-changed", props: { name: user.name, change } });
}
