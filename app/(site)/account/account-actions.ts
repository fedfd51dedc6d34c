"use server";
/**
 * The server actions of the account pages (profile, security): the work and its rules are in server/auth; these
 * check the session, rate-limit what sends mail, and turn outcomes into form states and redirects.
 */
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { serverCaller } from "@/server/admin";
import { signOut } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { deleteOwnAccount } from "@/server/auth/delete-account";
import { emailChangeSchema, requestEmailChange } from "@/server/auth/email-change";
import { tooManyAttempts } from "@/server/auth/errors";
import { mailRules } from "@/server/auth/limits";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { sessionAccount } from "@/server/auth/session-account";
import { revokeSession, revokeSessions } from "@/server/auth/sessions";
import { resendVerification } from "@/server/auth/verify-email";

const text = (formData: FormData, key: string, max = 1024) => {
  const value = formData.get(key);
  return typeof value === "string" ? value.slice(0, max) : "";
};

async function signedIn(back: string) {
  const account = await sessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  return account;
}

export async function resendVerificationAction(_previous: AuthFormState, _formData: FormData): Promise<AuthFormState> {
  const account = await signedIn("/account");
  if (account.emailVerified) return { notice: "Your address is already confirmed." };
  const db = getDb();
  const limited = await hitRateLimits(db, mailRules(account.email, clientIp(await headers())));
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter) };
  await resendVerification(db, account.id);
  return { notice: `A new link is on its way to ${account.email}.` };
}

export async function changeEmailAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const account = await signedIn("/account");
  const values = { newEmail: text(formData, "newEmail", 400) };
  const parsed = emailChangeSchema.safeParse({ ...values, currentPassword: text(formData, "currentPassword") });
  if (!parsed.success) {
    const fieldErrors: AuthFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "newEmail" && !fieldErrors.newEmail) fieldErrors.newEmail = issue.message;
    }
    return { fieldErrors, values };
  }
  if (account.hasPassword && !parsed.data.currentPassword) {
    return { fieldErrors: { currentPassword: "Enter your current password." }, values };
  }
  const db = getDb();
  const limited = await hitRateLimits(db, mailRules(parsed.data.newEmail, clientIp(await headers())));
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter), values };
  const answer = await requestEmailChange(db, account.id, parsed.data);
  if (!answer.ok) return { fieldErrors: answer.fieldErrors, values };
  return { notice: `Follow the link we sent to ${parsed.data.newEmail} to use it. Until then, nothing changes.` };
}

export async function deleteAccountAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const account = await signedIn("/account");
  try {
    const answer = await deleteOwnAccount(getDb(), account.id, {
      confirm: text(formData, "confirmEmail", 400),
      currentPassword: text(formData, "deletePassword"),
    });
    if (!answer.ok) {
      return answer.field === "confirm"
        ? { fieldErrors: { confirmEmail: answer.message } }
        : { fieldErrors: { deletePassword: answer.message } };
    }
  } catch (error) {
    // The users resource's own rules (the last active admin stays) answer as they would in the admin.
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return { formError: error.message };
    throw error;
  }
  await signOut({ redirect: false });
  redirect("/?notice=account-deleted");
}

export async function setSignInAlertsAction(formData: FormData): Promise<void> {
  const account = await signedIn("/account/security");
  // Through the API as the user (their own record's field): audited and live like any edit of it.
  const api = await serverCaller();
  await api.users.update({ id: account.id, data: { signInAlerts: formData.get("signInAlerts") === "on" } });
  revalidatePath("/account/security");
}

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const account = await signedIn("/account/security");
  const id = text(formData, "sessionId", 64);
  if (/^[0-9a-f-]{36}$/i.test(id) && id !== account.sessionId) {
    await revokeSession(getDb(), account.id, id, "revoked by the user");
  }
  revalidatePath("/account/security");
}

export async function revokeOtherSessionsAction(): Promise<void> {
  const account = await signedIn("/account/security");
  await revokeSessions(getDb(), account.id, "revoked by the user", account.sessionId);
  revalidatePath("/account/security");
}
