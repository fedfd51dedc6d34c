"use server";
/**
 * The server actions of the two-factor section of /account/security (server/auth/two-factor does the work): who is
 * asking comes from the session, code attempts are rate-limited per user, and the page is rendered again after each
 * change. A session that must enrol first (its role requires two-factor) still reaches these: sessionAccount().
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { TwoFactorFormState } from "@/components/account/two-factor/form-state";
import { getDb } from "@/db/client";
import { tooManyAttempts } from "@/server/auth/errors";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { sessionAccount } from "@/server/auth/session-account";
import {
  beginEnrolment,
  cancelEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  MAX_CODE_INPUT,
  regenerateRecoveryCodes,
  type TwoFactorRefusal,
} from "@/server/auth/two-factor";

const PAGE = "/account/security";
/** Code attempts per user per 15 minutes: a 6-digit code has a million values, so guessing stays hopeless. */
const CODE_TRIES = 10;
const WINDOW_SECONDS = 15 * 60;

async function signedIn() {
  const account = await sessionAccount();
  if (!account) redirect(`/sign-in?callbackUrl=${encodeURIComponent(PAGE)}`);
  return account;
}

/** The typed code, or an answer asking for one. Empty submits are not counted as attempts. */
function typedCode(formData: FormData, field: string): string | TwoFactorFormState {
  const value = formData.get(field);
  const code = typeof value === "string" ? value.trim().slice(0, MAX_CODE_INPUT + 1) : "";
  return code ? code : { codeError: "Enter the code." };
}

/** Counts one attempt; an answer when over the limit. */
async function limited(userId: string): Promise<TwoFactorFormState | null> {
  const hit = await hitRateLimits(getDb(), [
    { key: `two-factor:user:${userId}`, limit: CODE_TRIES, windowSeconds: WINDOW_SECONDS },
  ]);
  return hit.allowed ? null : { formError: tooManyAttempts(hit.retryAfter) };
}

function refusal(answer: TwoFactorRefusal): TwoFactorFormState {
  return answer.problem === "wrong-code" ? { codeError: answer.message } : { formError: answer.message };
}

export async function startTwoFactorAction(_previous: TwoFactorFormState): Promise<TwoFactorFormState> {
  const account = await signedIn();
  const answer = await beginEnrolment(getDb(), account.id);
  revalidatePath(PAGE);
  return answer.ok ? {} : refusal(answer);
}

export async function cancelTwoFactorAction(_previous: TwoFactorFormState): Promise<TwoFactorFormState> {
  const account = await signedIn();
  const answer = await cancelEnrolment(getDb(), account.id);
  revalidatePath(PAGE);
  return answer.ok ? {} : refusal(answer);
}

export async function confirmTwoFactorAction(
  _previous: TwoFactorFormState,
  formData: FormData,
): Promise<TwoFactorFormState> {
  const account = await signedIn();
  const code = typedCode(formData, "confirmCode");
  if (typeof code !== "string") return code;
  const over = await limited(account.id);
  if (over) return over;
  const answer = await confirmEnrolment(getDb(), account.id, code);
  if (!answer.ok) return refusal(answer);
  // A session its role held back until it enrolled now opens everything: the header must be rendered again too.
  revalidatePath("/", "layout");
  return { recoveryCodes: answer.recoveryCodes, issued: Date.now() };
}

export async function regenerateRecoveryCodesAction(
  _previous: TwoFactorFormState,
  formData: FormData,
): Promise<TwoFactorFormState> {
  const account = await signedIn();
  const code = typedCode(formData, "regenerateCode");
  if (typeof code !== "string") return code;
  const over = await limited(account.id);
  if (over) return over;
  const answer = await regenerateRecoveryCodes(getDb(), account.id, code);
  if (!answer.ok) return refusal(answer);
  revalidatePath(PAGE);
  return { recoveryCodes: answer.recoveryCodes, issued: Date.now() };
}

export async function disableTwoFactorAction(
  _previous: TwoFactorFormState,
  formData: FormData,
): Promise<TwoFactorFormState> {
  const account = await signedIn();
  const code = typedCode(formData, "disableCode");
  if (typeof code !== "string") return code;
  const over = await limited(account.id);
  if (over) return over;
  const answer = await disableTwoFactor(getDb(), account.id, code);
  if (!answer.ok) return refusal(answer);
  revalidatePath("/", "layout");
  return {
    notice:
      answer.with === "recovery"
        ? "Two-factor authentication is off. The recovery code you used, and all the others, no longer work."
        : "Two-factor authentication is off.",
  };
}
