import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { currentUser } from "@/server/auth/current-user";
import { oauthProviders } from "@/server/auth/oauth";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/sign-up";
import { oauthSignInAction, signUpAction } from "../actions";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(typeof raw === "string" ? raw : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const signInHref = callbackUrl === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Already have one?{" "}
        <Link
          href={signInHref}
          className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          Sign in
        </Link>
      </p>
      <SignUpForm action={signUpAction} callbackUrl={callbackUrl} minPasswordLength={MIN_PASSWORD_LENGTH} />
      <OAuthButtons providers={oauthProviders()} action={oauthSignInAction} callbackUrl={callbackUrl} />
    </>
  );
}
