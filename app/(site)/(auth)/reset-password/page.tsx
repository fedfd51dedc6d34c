import type { Metadata } from "next";
import Link from "next/link";
import { PasswordForm } from "@/components/auth/password-form";
import { getDb } from "@/db/client";
import { INVALID_RESET_LINK, resetLinkIsValid } from "@/server/auth/password-reset";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/sign-up";
import { resetPasswordAction } from "../password-actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** Where a reset link lands: the link is checked first, so a stale one says so before anyone types a password. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === "string" && (await resetLinkIsValid(getDb(), token));
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Choose a new password</h1>
      {valid ? (
        <>
          <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">The link works once; then sign in with it.</p>
          <PasswordForm action={resetPasswordAction} token={token} minLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <div role="alert" className="mt-4 space-y-3 text-sm">
          <p>{INVALID_RESET_LINK}</p>
          <p>
            <Link href="/forgot-password" className="font-medium text-indigo-600 underline dark:text-indigo-400">
              Ask for a new link
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
