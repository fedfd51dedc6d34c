import type { Metadata } from "next";
import Link from "next/link";
import { EmailRequestForm } from "@/components/auth/email-request-form";
import { forgotPasswordAction } from "../mail-actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Forgot your password?</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Give the address you sign in with: if it has an account, we mail it a link to choose a new password.
      </p>
      <EmailRequestForm
        action={forgotPasswordAction}
        label="Forgot password"
        submitLabel="Send reset link"
        pendingLabel="Sending…"
      />
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="font-medium text-indigo-600 underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
