/**
 * Stored answers are sealed: AES-256-GCM under a key derived from AUTH_SECRET. An answer may carry a secret that must
 * exist only in that answer (a new API token: the database keeps only its hash), and a replay must return it; sealed,
 * a copy of the database (a backup, a read replica) does not reveal it. Whoever holds AUTH_SECRET can already forge
 * sessions, so deriving from it adds no new secret to manage. The row's identity is bound in as associated data, so a
 * sealed answer moved to another user's key does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let derived: { secret: string; key: Buffer } | undefined;

function keyFor(secret: string): Buffer {
  if (derived?.secret !== secret) {
    const key = Buffer.from(hkdfSync("sha256", secret, "", "atrium idempotency responses v1", 32));
    derived = { secret, key };
  }
  return derived.key;
}

/** `v1.<base64url of iv | tag | ciphertext>` of `plaintext`, bound to `context`. */
export function seal(plaintext: string, context: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plaintext, or undefined when it cannot be opened (another secret, another context, a damaged value). */
export function unseal(sealed: string, context: string, secret: string): string | undefined {
  const [version, encoded] = sealed.split(".");
  if (version !== VERSION || !encoded) return undefined;
  const bytes = Buffer.from(encoded, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
