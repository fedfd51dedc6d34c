/**
 * Sealing a user's TOTP secret for the users table: AES-256-GCM under a key derived from AUTH_SECRET, with the user's
 * id as associated data, so a sealed value copied onto another user's row does not open. Format (versioned, so a
 * later key or cipher can sit beside it): `v1.<iv>.<ciphertext+tag>`, both parts base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./keys";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A sealed 20-byte secret is about 70 characters; anything much longer is not one of ours. */
const MAX_SEALED_LENGTH = 512;

export function sealSecret(secret: Uint8Array, userId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("totp-seal"), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const body = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The secret, or null for anything that is not a value this app sealed for this user (tampered, foreign, garbage). */
export function unsealSecret(sealed: string | null | undefined, userId: string): Uint8Array | null {
  if (typeof sealed !== "string" || sealed.length > MAX_SEALED_LENGTH) return null;
  const [version, ivText, bodyText, ...rest] = sealed.split(".");
  if (version !== VERSION || !ivText || !bodyText || rest.length > 0) return null;
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length <= TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey("totp-seal"), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
    return new Uint8Array(plain);
  } catch {
    // A failed tag check: tampered, sealed under another AUTH_SECRET, or for another user.
    return null;
  }
}
