/**
 * TOTP as authenticator apps expect it (RFC 6238 with its defaults): HMAC-SHA-1, 30-second steps counted from the
 * Unix epoch, 6 digits. A code is accepted for the current step and one step either side (RFC 6238 section 5.2: at
 * most one step of clock drift or network delay, so a code lives about 90 seconds), and never for a step at or before
 * the last one accepted for that user, so an observed code cannot be replayed.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on each side of the current one. */
export const TOTP_SKEW_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 block-friendly length RFC 4226 recommends and every app accepts. */
export const TOTP_SECRET_BYTES = 20;
/** Longer input is not a code: refused before any work. */
export const MAX_CODE_INPUT = 64;

export function newTotpSecret(): Uint8Array {
  return new Uint8Array(randomBytes(TOTP_SECRET_BYTES));
}

/** The time step a moment falls in (T in RFC 6238). */
export function totpStep(now: Date | number): number {
  const ms = typeof now === "number" ? now : now.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for one step; `digits` 6 to 8 (the app uses 6; the RFC's test vectors have 8). */
export function totpCodeAt(secret: Uint8Array, step: number, digits = TOTP_DIGITS): string {
  return generateHOTP(secret, BigInt(step), digits);
}

/** What an authenticator app scans: `otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&...`. */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: Uint8Array }) {
  return createTOTPKeyURI(issuer, account, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The secret for typing into an app by hand: base32 in groups of 4 ("JBSW Y3DP ..."); apps ignore the spaces. */
export function manualKey(secret: Uint8Array): string {
  return (encodeBase32UpperCaseNoPadding(secret).match(/.{1,4}/g) ?? []).join(" ");
}

/** The 6 digits of a typed code (spaces dropped), or null when it is not exactly that. Never throws. */
export function normalizeTotpCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_CODE_INPUT) return null;
  const code = input.replace(/\s+/g, "");
  return /^[0-9]{6}$/.test(code) ? code : null;
}

/**
 * The step a code is valid for (now - 1 .. now + 1, and after `lastStep`), or null. Every candidate is computed and
 * compared in constant time, so the time taken says nothing about which step (if any) matched.
 */
export function matchTotp(
  secret: Uint8Array,
  input: unknown,
  now: Date | number,
  lastStep: number | null,
): number | null {
  const code = normalizeTotpCode(input);
  if (code === null || secret.length === 0) return null;
  const given = Buffer.from(code, "utf8");
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - TOTP_SKEW_STEPS; step <= current + TOTP_SKEW_STEPS; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(totpCodeAt(secret, step), "utf8");
    const equal = timingSafeEqual(given, expected);
    const fresh = lastStep === null || step > lastStep;
    // The latest matching step wins: it is the one recorded, so nothing at or before it works again.
    if (equal && fresh) matched = step;
  }
  return matched;
}
