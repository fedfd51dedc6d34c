import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { pendingStep, sessionAccount } from "@/server/auth/session-account";
import { signOutAction } from "../../actions";
import { secondFactorAction } from "../../mail-actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

/**
 * The second step of sign-in. The session exists but opens nothing else until a code is given here. Also the page a
 * sign-in link lands on after its button, which is why a session that needs no code is sent on.
 */
export default async function SecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(typeof raw === "string" ? raw : undefined);
  const account = await sessionAccount({ secondFactorPending: true });
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!account.secondFactorPending) redirect(pendingStep(account, callbackUrl) ?? callbackUrl);
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Two-factor authentication</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Signing in as {account.name}. Open your authenticator app and enter the code it shows for this account.
      </p>
      <SecondFactorForm action={secondFactorAction} callbackUrl={callbackUrl} />
      <details className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
        <summary className="cursor-pointer font-medium">Lost your authenticator?</summary>
        <p className="mt-2">
          Enter one of the recovery codes you saved when you set up two-factor: each works once. Without them, an admin
          can reset two-factor for you once they know it is you.
        </p>
      </details>
      <form action={signOutAction} className="mt-4">
        <button type="submit" className="text-sm font-medium text-indigo-600 underline dark:text-indigo-400">
          Cancel and sign out
        </button>
      </form>
    </>
  );
}
