/**
 * The limits of the account flows (sign-in, sign-up and mail are env-configurable, see env.ts; the password forms'
 * are fixed), as counter rules for rate-limit.ts.
 */
import { env } from "@/env";
import type { RateLimitRule } from "./rate-limit";

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_UP_WINDOW_SECONDS = 60 * 60;

export function signInEmailKey(email: string): string {
  return `signin:email:${email}`;
}

export function signInRules(email: string, ip: string): RateLimitRule[] {
  const config = env();
  return [
    {
      key: signInEmailKey(email),
      limit: config.AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL,
      windowSeconds: SIGN_IN_WINDOW_SECONDS,
    },
    signInIpRule(ip),
  ];
}

/** The per-IP half alone: for a sign-in link, which names no address until its token is looked up. */
export function signInIpRule(ip: string): RateLimitRule {
  return { key: `signin:ip:${ip}`, limit: env().AUTH_RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS };
}

export const MAIL_WINDOW_SECONDS = 60 * 60;

/**
 * Mails with a link or code asked for by a visitor (reset, sign-in code, verification again, the notice of a sign-up
 * with a taken address), per address and per client IP. Keyed by the address as typed (normalized), whether or not
 * it has an account, so hitting the limit tells nothing either.
 */
export function mailRules(email: string, ip: string): RateLimitRule[] {
  const config = env();
  return [
    { key: `mail:email:${email}`, limit: config.AUTH_RATE_LIMIT_MAIL_PER_EMAIL, windowSeconds: MAIL_WINDOW_SECONDS },
    { key: `mail:ip:${ip}`, limit: config.AUTH_RATE_LIMIT_MAIL_PER_IP, windowSeconds: MAIL_WINDOW_SECONDS },
  ];
}

/**
 * Tries per 15 minutes at a password form: a reset link has 256 bits and a current password costs a hash, but both
 * are worth capping.
 */
const PASSWORD_TRIES = 10;
const PASSWORD_WINDOW_SECONDS = 15 * 60;

/**
 * Submits of a password reset link per client IP: one budget for the /reset-password page and PocketBase's
 * `confirm-password-reset`, so neither path adds tries to the other's.
 */
export function passwordResetSubmitRule(ip: string): RateLimitRule {
  return { key: `password-reset:ip:${ip}`, limit: PASSWORD_TRIES, windowSeconds: PASSWORD_WINDOW_SECONDS };
}

/** Tries at changing one's password (the current one is checked, a hash each) per user. */
export function passwordChangeRule(userId: string): RateLimitRule {
  return { key: `password-change:user:${userId}`, limit: PASSWORD_TRIES, windowSeconds: PASSWORD_WINDOW_SECONDS };
}

export function signUpRules(ip: string): RateLimitRule[] {
  return [
    { key: `signup:ip:${ip}`, limit: env().AUTH_RATE_LIMIT_SIGNUP_PER_IP, windowSeconds: SIGN_UP_WINDOW_SECONDS },
  ];
}
