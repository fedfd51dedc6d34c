import type { Metadata } from "next";
import Link from "next/link";
import { CodeSignInForm } from "@/components/auth/code-sign-in-form";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { codeSignInAction } from "../../mail-actions";

export const metadata: Metadata = { title: "Sign in with a code" };

export default async function CodeSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(typeof raw === "string" ? raw : undefined);
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Sign in with a code</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        No password needed: we mail you a 6-digit code and a link. Either signs you in once.
      </p>
      <CodeSignInForm action={codeSignInAction} callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm">
        <Link
          href={callbackUrl === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-indigo-600 underline dark:text-indigo-400"
        >
          Sign in with your password instead
        </Link>
      </p>
    </>
  );
}
