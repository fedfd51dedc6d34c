import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/auth/confirm-form";
import { getDb } from "@/db/client";
import { linkTokenIsLive } from "@/server/auth/account-tokens";
import { INVALID_EMAIL_LINK } from "@/server/auth/email-change";
import { confirmEmailChangeAction } from "../mail-actions";

export const metadata: Metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const live = typeof token === "string" && (await linkTokenIsLive(getDb(), "change-email", token));
  return (
    <>
      <h1 className="mb-3 text-2xl font-bold tracking-tight">Confirm your new email address</h1>
      {live ? (
        <>
          <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
            Your account then signs in with this address, and the old one is told.
          </p>
          <ConfirmForm
            action={confirmEmailChangeAction}
            token={token}
            label="Confirm your new email address"
            submitLabel="Use this address"
            pendingLabel="Changing…"
          />
        </>
      ) : (
        <div role="alert" className="space-y-3 text-sm">
          <p>{INVALID_EMAIL_LINK}</p>
          <p>
            <Link href="/account" className="font-medium text-indigo-600 underline dark:text-indigo-400">
              Your account
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
