/**
 * Why a credentials sign-in failed. Thrown from `authorize()`: a server action receives the instance itself (and turns
 * it into a message), while the raw Auth.js endpoint redirects to /sign-in?error=CredentialsSignin&code=<code>.
 */
import { CredentialsSignin } from "next-auth";

/** Wrong email or password: one message for both, so the form does not reveal which accounts exist. */
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

/** Only thrown after the password was verified, so it reveals nothing to someone who does not know it. */
export class BlockedAccount extends CredentialsSignin {
  override code = "blocked";
}

export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfter: number) {
    super(`rate limited; retry in ${retryAfter} s`);
  }
}

export const SIGN_IN_MESSAGES = {
  invalid_credentials: "Wrong email or password.",
  blocked: "This account is blocked.",
} as const;

export function tooManyAttempts(retryAfter: number): string {
  return `Too many attempts, retry in ${retryAfter} s.`;
}
