"use server";
/**
 * The server actions of the reset-password and change-password forms (server/auth/password-reset.ts does the work):
 * validation into field messages, a rate limit per IP or user, and the redirect that follows.
 */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { clientIp } from "@/server/auth/client-ip";
import { tooManyAttempts } from "@/server/auth/errors";
import { passwordChangeRule, passwordResetSubmitRule } from "@/server/auth/limits";
import {
  changePassword,
  INVALID_RESET_LINK,
  newPasswordSchema,
  resetWithLink,
  WRONG_CURRENT_PASSWORD,
} from "@/server/auth/password-reset";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { pendingStep, sessionAccount } from "@/server/auth/session-account";

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value.slice(0, 2048) : "";
};

function parseNewPassword(formData: FormData): AuthFormState | { password: string } {
  const parsed = newPasswordSchema.safeParse({
    password: text(formData, "password"),
    confirmPassword: text(formData, "confirmPassword"),
  });
  if (parsed.success) return { password: parsed.data.password };
  const fieldErrors: AuthFormState["fieldErrors"] = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if ((key === "password" || key === "confirmPassword") && !fieldErrors[key]) fieldErrors[key] = issue.message;
  }
  return { fieldErrors };
}

export async function resetPasswordAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = parseNewPassword(formData);
  if (!("password" in parsed)) return parsed;
  const db = getDb();
  const ip = clientIp(await headers());
  const limited = await hitRateLimits(db, [passwordResetSubmitRule(ip)]);
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter) };
  const userId = await resetWithLink(db, text(formData, "token"), parsed.password, ip);
  if (!userId) return { formError: INVALID_RESET_LINK };
  redirect("/sign-in?notice=password-changed");
}

export async function changePasswordAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const account = await sessionAccount();
  if (!account) redirect("/sign-in?callbackUrl=/account/password");
  const current = text(formData, "currentPassword");
  const parsed = parseNewPassword(formData);
  if (!current) {
    const fieldErrors = "password" in parsed ? {} : parsed.fieldErrors;
    return { fieldErrors: { ...fieldErrors, currentPassword: "Enter your current password." } };
  }
  if (!("password" in parsed)) return parsed;
  if (parsed.password === current) {
    return { fieldErrors: { password: "Choose a password different from the current one." } };
  }
  const db = getDb();
  const limited = await hitRateLimits(db, [passwordChangeRule(account.id)]);
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter) };
  const ip = clientIp(await headers());
  if (!(await changePassword(db, account.id, current, parsed.password, account.sessionId, ip))) {
    return { fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD } };
  }
  // The session now opens everything: the header rendered while it did not (signed out) must be rendered again.
  revalidatePath("/", "layout");
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  // Two-factor to set up (the role requires it) may still come before the page asked for.
  const after = await sessionAccount();
  redirect((after && pendingStep(after, callbackUrl)) ?? callbackUrl);
}
