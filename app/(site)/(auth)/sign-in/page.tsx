import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormNotice } from "@/components/auth/form-notice";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { currentUser } from "@/server/auth/current-user";
import { redirectErrorMessage } from "@/server/auth/messages";
import { oauthProviders } from "@/server/auth/oauth";
import { pendingStep, sessionAccount } from "@/server/auth/session-account";
import { oauthSignInAction, signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

/** What the page says when another flow sends the user here (`?notice=`). */
const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed, and every session was signed out. Sign in with the new one.",
  "email-verified": "Your email address is confirmed. Sign in to go on.",
};

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(one(params.callbackUrl));
  if (await currentUser()) redirect(callbackUrl);
  // Signed in but not through yet (a second factor, a temporary password, two-factor to set up): go on from there.
  const account = await sessionAccount({ secondFactorPending: true });
  const step = account ? pendingStep(account, callbackUrl) : null;
  if (step) redirect(step);
  const notice = NOTICES[one(params.notice) ?? ""];
  const signUpHref = callbackUrl === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        No account yet?{" "}
        <Link
          href={signUpHref}
          className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          Sign up
        </Link>
      </p>
      <FormNotice message={notice} className="mb-4" />
      <SignInForm
        action={signInAction}
        callbackUrl={callbackUrl}
        initialError={redirectErrorMessage(one(params.error), one(params.code))}
      />
      <p className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-600 underline dark:text-indigo-400">
          Forgot your password?
        </Link>
        <Link
          href={callbackUrl === "/" ? "/sign-in/code" : `/sign-in/code?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-indigo-600 underline dark:text-indigo-400"
        >
          Email me a sign-in code
        </Link>
      </p>
      <OAuthButtons providers={oauthProviders()} action={oauthSignInAction} callbackUrl={callbackUrl} />
    </>
  );
}
