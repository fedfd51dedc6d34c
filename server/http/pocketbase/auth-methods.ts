/**
 * `auth-methods`: what a PocketBase client may use to sign in through this API, in PocketBase 0.23+'s shape (with
 * the legacy keys older SDKs read). Only what this API itself does is enabled: passwords, by email. Atrium's OAuth
 * providers and mailed sign-in codes work on the website only, and its two-factor is not offered here (an account
 * with it on is refused by auth-with-password), so oauth2, otp and mfa say `enabled: false`.
 */
import type { AuthRequest } from "./auth-request";

export function authMethods({ json }: AuthRequest): Response {
  return json({
    password: { enabled: true, identityFields: ["email"] },
    oauth2: { enabled: false, providers: [] },
    mfa: { enabled: false, duration: 0 },
    otp: { enabled: false, duration: 0 },
    authProviders: [],
    usernamePassword: false,
    emailPassword: true,
  });
}
