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
    { key: `signin:ip:${ip}`, limit: config.AUTH_RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS },
  ];
}

export function signUpRules(ip: string): RateLimitRule[] {
  return [
    { key: `signup:ip:${ip}`, limit: env().AUTH_RATE_LIMIT_SIGNUP_PER_IP, windowSeconds: SIGN_UP_WINDOW_SECONDS },
  ];
}
