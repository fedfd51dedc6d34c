/**
 * Signing webhook bodies (docs/webhooks.md, "Verifying a delivery"). The signature is an HMAC-SHA256 of
 * `<timestamp>.<body>` with the webhook's secret, sent as `X-Atrium-Signature: t=<unix seconds>,v1=<hex>`. The
 * timestamp is inside the signed text, so a receiver that refuses old timestamps refuses replays of a captured
 * delivery; the format is Stripe's, so receivers know it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-atrium-signature";

/** How far a delivery's timestamp may be from the receiver's clock (5 minutes), as `verifySignature` checks it. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new secret: 32 random bytes, base64url, with a prefix that says what it is when it turns up in a config file. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The X-Atrium-Signature value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export type Verification = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * A receiver's check, for Atrium apps that receive each other's webhooks (any language can do the same in a few
 * lines: docs/webhooks.md). `body` must be the raw request body, byte for byte, before any JSON parsing.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): Verification {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(",")) {
    const at = piece.indexOf("=");
    if (at < 1) continue;
    const key = piece.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), piece.slice(at + 1).trim()]);
  }
  const timestamp = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: "no timestamp in the signature header" };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "the timestamp is too old or in the future (a replay?)" };
  }
  const expected = Buffer.from(signatureOf(secret, timestamp, body), "hex");
  const matches = (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "the signature does not match" };
}
