import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordForm } from "@/components/auth/password-form";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { sessionAccount } from "@/server/auth/session-account";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/sign-up";
import { changePasswordAction } from "../../(auth)/password-actions";

export const metadata: Metadata = { title: "Change your password" };

/**
 * Changing one's password. Also the one page a session opened with a temporary password reaches (sign-in sends it
 * here; everything else treats it as signed out until the new password is saved).
 */
export default async function ChangePasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const account = await sessionAccount();
  if (!account) redirect("/sign-in?callbackUrl=/account/password");
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto mt-4 max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="mb-1 text-2xl font-bold tracking-tight">
        {account.passwordChangeRequired ? "Choose your own password" : "Change your password"}
      </h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        {account.passwordChangeRequired
          ? `${account.name}, an admin gave you a temporary password. Replace it to continue.`
          : "Enter your current password, then the new one twice."}
      </p>
      {account.hasPassword ? (
        <PasswordForm
          action={changePasswordAction}
          askCurrent={account.passwordChangeRequired ? "Temporary password" : "Current password"}
          callbackUrl={safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined)}
          minLength={MIN_PASSWORD_LENGTH}
        />
      ) : (
        <p className="text-sm">You sign in with an external account, so you have no password here to change.</p>
      )}
    </div>
  );
}
