import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/auth/confirm-form";
import { getDb } from "@/db/client";
import { linkTokenIsLive } from "@/server/auth/account-tokens";
import { linkSignInAction } from "../../mail-actions";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

/** Where a sign-in link lands. The link is checked, not spent: the button spends it (see ConfirmForm). */
export default async function LinkSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const live = typeof token === "string" && (await linkTokenIsLive(getDb(), "sign-in", token));
  return (
    <>
      <h1 className="mb-3 text-2xl font-bold tracking-tight">Sign in</h1>
      {live ? (
        <>
          <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">This link signs you in once, in this browser.</p>
          <ConfirmForm
            action={linkSignInAction}
            token={token}
            label="Sign in with the link"
            submitLabel="Sign in"
            pendingLabel="Signing in…"
          />
        </>
      ) : (
        <div role="alert" className="space-y-3 text-sm">
          <p>This link is invalid, expired or already used.</p>
          <p>
            <Link href="/sign-in/code" className="font-medium text-indigo-600 underline dark:text-indigo-400">
              Ask for a new code
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
