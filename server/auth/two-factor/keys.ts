/**
 * The keys two-factor authentication derives from AUTH_SECRET, one per purpose (HKDF-SHA256 with a fixed info string),
 * so the database alone never holds what opens it: a dump has sealed TOTP secrets and keyed recovery-code hashes,
 * both useless without the app's secret. Rotating AUTH_SECRET therefore turns everyone's two-factor off in effect
 * (docs/two-factor.md says how to handle that).
 */
import { hkdfSync } from "node:crypto";
import { authSecret } from "../secret";

export type KeyPurpose = "totp-seal" | "recovery-codes";

const INFO: Record<KeyPurpose, string> = {
  "totp-seal": "atrium two-factor: totp secret seal v1",
  "recovery-codes": "atrium two-factor: recovery code hmac v1",
};

let cache: { secret: string; keys: Map<KeyPurpose, Buffer> } | null = null;

/** A 32-byte key for one purpose, derived once per AUTH_SECRET value. */
export function derivedKey(purpose: KeyPurpose): Buffer {
  const secret = authSecret();
  if (cache?.secret !== secret) cache = { secret, keys: new Map() };
  let key = cache.keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", INFO[purpose], 32));
    cache.keys.set(purpose, key);
  }
  return key;
}
