import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { EmailChangeForm } from "@/components/account/email-change-form";
import { VerifyEmailNotice } from "@/components/account/verify-email-notice";
import { FormNotice } from "@/components/auth/form-notice";
import { ResourceForm } from "@/components/form/resource-form";
import { sessionAccount } from "@/server/auth/session-account";
import { changeEmailAction, deleteAccountAction, resendVerificationAction } from "./account-actions";

export const metadata: Metadata = { title: "Your account" };

const NOTICES: Record<string, string> = {
  "email-changed": "Your email address was changed. Sign in with the new one from now on.",
};

const card = "rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900";

/**
 * /account: everything about the signed-in user's account in one place: the profile (the generated users form on
 * their own record: what they may change is the users resource's rules, an admin's page shows more), their email
 * address, links to password, security (two-factor, sessions) and API tokens, and deleting the account.
 */
export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const account = await sessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account")}`);
  const { notice } = await searchParams;
  const message = NOTICES[typeof notice === "string" ? notice : ""];
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Your account</h1>
      <nav aria-label="Account" className="mb-8 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href="/account/password" className="text-indigo-600 underline dark:text-indigo-400">
          Password
        </Link>
        <Link href="/account/security" className="text-indigo-600 underline dark:text-indigo-400">
          Two-factor and sessions
        </Link>
        <Link href="/account/tokens" className="text-indigo-600 underline dark:text-indigo-400">
          API tokens
        </Link>
      </nav>
      <FormNotice message={message} className="mb-6" />
      {account.emailVerified ? null : <VerifyEmailNotice email={account.email} action={resendVerificationAction} />}
      <div className="space-y-8">
        <section aria-labelledby="profile-title" className={card}>
          <h2 id="profile-title" className="mb-1 text-lg font-semibold">
            Profile
          </h2>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            Your name, picture and bio show beside your posts and comments, and in the header.
          </p>
          <ResourceForm
            resource="users"
            id={account.id}
            aria-label="Your profile"
            order={["avatar", "name", "bio"]}
            fields={{
              avatar: { help: "Square pictures work best: it shows as a circle." },
              email: { hidden: true },
              role: { hidden: true },
              blocked: { hidden: true },
              passwordChangeRequired: { hidden: true },
              emailVerifiedAt: { hidden: true },
              twoFactorEnabledAt: { hidden: true },
              signInAlerts: { hidden: true },
              createdAt: { hidden: true },
              updatedAt: { hidden: true },
            }}
            submitLabel="Save profile"
          />
        </section>
        <section aria-labelledby="email-title" className={card}>
          <h2 id="email-title" className="mb-1 text-lg font-semibold">
            Email address
          </h2>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            You sign in with <strong className="font-medium text-zinc-900 dark:text-zinc-100">{account.email}</strong>
            {account.emailVerified ? " (confirmed)" : " (not confirmed yet)"}. A new address is used once you follow the
            link we send to it; the old one is told.
          </p>
          <EmailChangeForm action={changeEmailAction} askPassword={account.hasPassword} />
        </section>
        <section aria-labelledby="delete-title" className={`${card} border-red-200 dark:border-red-900`}>
          <h2 id="delete-title" className="mb-1 text-lg font-semibold">
            Delete your account
          </h2>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            You are signed out everywhere and can never sign in to it again. Your posts and comments stay, shown as by
            &ldquo;Deleted user&rdquo;; your name, email, picture, bio, password and tokens are removed.
          </p>
          <DeleteAccountForm action={deleteAccountAction} email={account.email} askPassword={account.hasPassword} />
        </section>
      </div>
    </>
  );
}
