/** The sign-in and sign-up limits (env-configurable, see env.ts), as counter rules for rate-limit.ts. */
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

export function signUpRules(ip: string): RateLimitRule[] {
  return [
    { key: `signup:ip:${ip}`, limit: env().AUTH_RATE_LIMIT_SIGNUP_PER_IP, windowSeconds: SIGN_UP_WINDOW_SECONDS },
  ];
}
