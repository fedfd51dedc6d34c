import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your inbox" };

/**
 * What a visitor sees after asking for a mail. The words never depend on whether the address has an account: that is
 * what keeps sign-up and "forgot password" from telling anyone which addresses are registered.
 */
const MESSAGES: Record<string, { lead: string; next: string }> = {
  "sign-up": {
    lead: "We sent a mail to the address you gave. Follow its link to confirm your address, then sign in.",
    next: "If that address already has an account, the mail says so instead, with a way back into it.",
  },
  reset: {
    lead: "If an account uses that address, a link to choose a new password is on its way. It works for 60 minutes.",
    next: "Nothing arrived? Check your spam folder, or ask again in a few minutes.",
  },
};

export default async function CheckInboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const kind = (await searchParams).for;
  const message = MESSAGES[typeof kind === "string" ? kind : ""] ?? MESSAGES.reset;
  return (
    <>
      <h1 className="mb-3 text-2xl font-bold tracking-tight">Check your inbox</h1>
      <div role="status" className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">
        <p>{message?.lead}</p>
        <p>{message?.next}</p>
      </div>
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="font-medium text-indigo-600 underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
