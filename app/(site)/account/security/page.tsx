import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SessionsList } from "@/components/account/sessions-list";
import { SignInAlertsForm } from "@/components/account/sign-in-alerts-form";
import { TwoFactorPanel } from "@/components/account/two-factor/two-factor-panel";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { sessionAccount } from "@/server/auth/session-account";
import { listSessions } from "@/server/auth/sessions";
import {
  pendingEnrolment,
  RECOVERY_CODE_COUNT,
  twoFactorRequiredForUser,
  twoFactorStatus,
} from "@/server/auth/two-factor";
import { revokeOtherSessionsAction, revokeSessionAction, setSignInAlertsAction } from "../account-actions";
import {
  cancelTwoFactorAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from "./two-factor-actions";

export const metadata: Metadata = { title: "Security" };

/**
 * /account/security: how the signed-in user proves who they are. Reached by every session that is not blocked,
 * including one whose role must enrol in two-factor before it may open anything else (sessionAccount, not currentUser).
 */
export default async function SecurityPage() {
  const account = await sessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account/security")}`);
  const db = getDb();
  const [status, enrolment, required, sessions, [prefs]] = await Promise.all([
    twoFactorStatus(db, account.id),
    pendingEnrolment(db, account.id),
    twoFactorRequiredForUser(db, account.id),
    listSessions(db, account.id, account.sessionId),
    db.select({ signInAlerts: users.signInAlerts }).from(users).where(eq(users.id, account.id)),
  ]);
  const signInAlerts = prefs?.signInAlerts ?? true;
  if (!status) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account/security")}`);
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Security</h1>
      <p className="mb-8 text-sm text-zinc-600 dark:text-zinc-400">
        How you sign in, and where you are signed in.{" "}
        <Link href="/account/password" className="underline">
          Change your password
        </Link>
        .
      </p>
      <div className="space-y-8">
        <section
          aria-labelledby="two-factor-title"
          className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="two-factor-title" className="mb-4 text-lg font-semibold">
            Two-factor authentication
          </h2>
          <TwoFactorPanel
            status={{ ...status, enabledAt: status.enabledAt?.toISOString() ?? null }}
            enrolment={
              enrolment
                ? {
                    manualKey: enrolment.manualKey,
                    qrDataUri: `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString("base64")}`,
                  }
                : null
            }
            required={required}
            totalRecoveryCodes={RECOVERY_CODE_COUNT}
            actions={{
              start: startTwoFactorAction,
              cancel: cancelTwoFactorAction,
              confirm: confirmTwoFactorAction,
              regenerate: regenerateRecoveryCodesAction,
              disable: disableTwoFactorAction,
            }}
          />
        </section>
        <section
          aria-labelledby="sessions-title"
          className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="sessions-title" className="mb-1 text-lg font-semibold">
            Where you are signed in
          </h2>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            A session you sign out here ends on its next request. Changing your password signs out all the others.
          </p>
          <SessionsList sessions={sessions} revoke={revokeSessionAction} revokeOthers={revokeOtherSessionsAction} />
          <div className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <SignInAlertsForm enabled={signInAlerts} action={setSignInAlertsAction} />
          </div>
        </section>
      </div>
    </>
  );
}
