"use server";
/**
 * The server actions of the pages that work by mail: forgot password, sign-in with a code or link, confirming an
 * address, and the second step of sign-in. The work and its rules are in server/auth; these turn outcomes into form
 * states and redirects.
 */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { signIn } from "@/server/auth";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { clientIp } from "@/server/auth/client-ip";
import { confirmEmailChange } from "@/server/auth/email-change";
import { tooManyAttempts } from "@/server/auth/errors";
import { emailFieldSchema, requestPasswordReset, requestSignInCode } from "@/server/auth/mail-requests";
import { credentialsFailureMessage } from "@/server/auth/messages";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { pendingStep, sessionAccount, stepAfterSignIn } from "@/server/auth/session-account";
import { completeSecondFactor } from "@/server/auth/sessions";
import { verifySecondFactor } from "@/server/auth/two-factor";
import { confirmEmail, INVALID_VERIFY_LINK } from "@/server/auth/verify-email";

const text = (formData: FormData, key: string, max = 2048) => {
  const value = formData.get(key);
  return typeof value === "string" ? value.slice(0, max) : "";
};

function parseEmail(formData: FormData): { email: string } | AuthFormState {
  const raw = text(formData, "email", 400);
  const parsed = emailFieldSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: { email: parsed.error.issues[0]?.message }, values: { email: raw } };
  return { email: parsed.data };
}

export async function forgotPasswordAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = parseEmail(formData);
  if (!("email" in parsed)) return parsed;
  const asked = await requestPasswordReset(getDb(), parsed.email, clientIp(await headers()));
  if (!asked.ok) return { formError: tooManyAttempts(asked.retryAfter), values: { email: parsed.email } };
  redirect("/check-inbox?for=reset");
}

/** Step 1 mails a code (the same answer for any address); step 2 signs in with it. */
export async function codeSignInAction(previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = parseEmail(formData);
  if (!("email" in parsed)) return parsed;
  const { email } = parsed;
  const code = text(formData, "code", 40);
  if (!formData.has("code")) {
    const asked = await requestSignInCode(getDb(), email, clientIp(await headers()));
    if (!asked.ok) return { formError: tooManyAttempts(asked.retryAfter), values: { email } };
    return {
      step: "code",
      values: { email },
      notice: "If this address has an account, a 6-digit code is on its way. It works for 15 minutes.",
    };
  }
  if (!code.trim()) return { step: "code", values: { email }, fieldErrors: { code: "Enter the code from the mail." } };
  try {
    await signIn("email-code", { email, code, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message =
        error.code === "invalid_credentials"
          ? "That code is wrong or expired. Check the newest mail, or ask for a new code."
          : credentialsFailureMessage(error);
      return { step: "code", values: { email }, fieldErrors: { code: message }, notice: previous.notice };
    }
    throw error;
  }
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  redirect((await stepAfterSignIn(email, callbackUrl)) ?? callbackUrl);
}

/** The button on /sign-in/link: spends the link's token. */
export async function linkSignInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  try {
    await signIn("email-code", { token: text(formData, "token", 100), redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return {
        formError:
          error.code === "invalid_credentials"
            ? "This link is invalid, expired or already used. Ask for a new code."
            : credentialsFailureMessage(error),
      };
    }
    throw error;
  }
  // The account is known only now, from the session just opened: the second step reads it from the next request.
  redirect("/sign-in/two-factor?callbackUrl=%2F");
}

/** Tries per 15 minutes at the second step, per user: 6 digits are a million guesses, this makes them 10. */
const SECOND_FACTOR_TRIES = 10;

export async function secondFactorAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const account = await sessionAccount({ secondFactorPending: true });
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!account.secondFactorPending) redirect(callbackUrl);
  const code = text(formData, "code", 40);
  if (!code.trim()) return { fieldErrors: { code: "Enter the code from your authenticator app." } };
  const db = getDb();
  const limited = await hitRateLimits(db, [
    { key: `second-factor:user:${account.id}`, limit: SECOND_FACTOR_TRIES, windowSeconds: 15 * 60 },
  ]);
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter) };
  const how = await verifySecondFactor(db, account.id, code);
  if (!how) return { fieldErrors: { code: "That code is not right, or was already used. Try the next one." } };
  await completeSecondFactor(db, account.sessionId, account.id, how);
  // The header rendered while the session opened nothing must be rendered again.
  revalidatePath("/", "layout");
  // A temporary password to replace may still come first.
  const after = await sessionAccount();
  redirect((after && pendingStep(after, callbackUrl)) ?? callbackUrl);
}

export async function verifyEmailAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const userId = await confirmEmail(getDb(), text(formData, "token", 100));
  if (!userId) return { formError: INVALID_VERIFY_LINK };
  revalidatePath("/", "layout");
  redirect("/sign-in?notice=email-verified");
}

export async function confirmEmailChangeAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const done = await confirmEmailChange(getDb(), text(formData, "token", 100));
  if (!done.ok) return { formError: done.message };
  revalidatePath("/", "layout");
  redirect("/account?notice=email-changed");
}
