import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/auth/confirm-form";
import { getDb } from "@/db/client";
import { linkTokenIsLive } from "@/server/auth/account-tokens";
import { INVALID_VERIFY_LINK } from "@/server/auth/verify-email";
import { verifyEmailAction } from "../mail-actions";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const live = typeof token === "string" && (await linkTokenIsLive(getDb(), "verify-email", token));
  return (
    <>
      <h1 className="mb-3 text-2xl font-bold tracking-tight">Confirm your email address</h1>
      {live ? (
        <ConfirmForm
          action={verifyEmailAction}
          token={token}
          label="Confirm your email address"
          submitLabel="Confirm my address"
          pendingLabel="Confirming…"
        />
      ) : (
        <div role="alert" className="space-y-3 text-sm">
          <p>{INVALID_VERIFY_LINK}</p>
          <p>
            Signed in? Your{" "}
            <Link href="/account" className="font-medium text-indigo-600 underline dark:text-indigo-400">
              account page
            </Link>{" "}
            sends a new one.
          </p>
        </div>
      )}
    </>
  );
}
