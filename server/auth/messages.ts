/** What the sign-in page says about a failure, whether it came from the form's action or an Auth.js redirect. */
import type { CredentialsSignin } from "next-auth";
import { RateLimited, SIGN_IN_MESSAGES, tooManyAttempts } from "./errors";

export const GENERIC_FAILURE = "Sign-in failed. Try again.";

/** The message for an error thrown by signIn("credentials") in a server action. */
export function credentialsFailureMessage(error: CredentialsSignin): string {
  if (error instanceof RateLimited) return tooManyAttempts(error.retryAfter);
  if (error.code === "blocked") return SIGN_IN_MESSAGES.blocked;
  return SIGN_IN_MESSAGES.invalid_credentials;
}

/**
 * The message for `/sign-in?error=...&code=...`, where Auth.js sends browsers after a failed OAuth sign-in or a
 * refused post to its raw credentials endpoint. Unknown values get a generic message, never the raw parameter.
 */
export function redirectErrorMessage(error: string | undefined, code: string | undefined): string | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin") {
    if (code === "rate_limited") return "Too many attempts, retry later.";
    if (code === "blocked") return SIGN_IN_MESSAGES.blocked;
    return SIGN_IN_MESSAGES.invalid_credentials;
  }
  if (error === "AccessDenied") {
    return "That account cannot sign in: it is blocked, or the provider did not confirm its email address.";
  }
  return GENERIC_FAILURE;
}
