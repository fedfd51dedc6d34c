/**
 * The sealed TOTP secret opens only for the user it was sealed for, and any change to it (or garbage in its place)
 * reads as "no secret" rather than throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeRecoveryCode, recoveryCodeHash } from "./recovery-codes";
import { sealSecret, unsealSecret } from "./seal";
import { newTotpSecret } from "./totp";

const USER = "3f1c1a52-2b6e-4a53-9d43-0c7e8e2f4b10";
const OTHER = "9a0d7a4e-55a5-4d55-8d6f-5d8b1b2c3e44";

describe("sealing the TOTP secret", () => {
  it("round-trips, with a fresh IV each time, in the v1 format", () => {
    const secret = newTotpSecret();
    const a = sealSecret(secret, USER);
    const b = sealSecret(secret, USER);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(unsealSecret(a, USER) ?? []).equals(Buffer.from(secret))).toBe(true);
    expect(a).not.toContain(Buffer.from(secret).toString("base64url"));
  });

  it("does not open for another user", () => {
    expect(unsealSecret(sealSecret(newTotpSecret(), USER), OTHER)).toBeNull();
  });

  it("refuses any single changed character", () => {
    const sealed = sealSecret(newTotpSecret(), USER);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), fc.constantFrom(..."AQgw_-.9v"), (at, c) => {
        fc.pre(sealed[at] !== c);
        const tampered = sealed.slice(0, at) + c + sealed.slice(at + 1);
        // base64url's last character may carry unused bits: a change there can decode to the same bytes.
        const same = unsealSecret(tampered, USER);
        if (same !== null) expect(Buffer.from(same).equals(Buffer.from(unsealSecret(sealed, USER) ?? []))).toBe(true);
      }),
    );
  });

  it("answers null for garbage, never throwing", () => {
    for (const bad of [null, undefined, "", "v1", "v1..", "v2.AAAA.BBBB", "v1.AAAAAAAAAAAAAAAA.", "x".repeat(10_000)]) {
      expect(unsealSecret(bad, USER)).toBeNull();
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unsealSecret(s, USER)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.base64String(), fc.base64String(), (iv, body) => {
        expect(unsealSecret(`v1.${iv}.${body}`, USER)).toBeNull();
      }),
    );
  });
});

describe("recovery code input", () => {
  it("ignores case, dashes and spaces, and refuses what cannot be a code", () => {
    expect(normalizeRecoveryCode("K7M2P-X9QFD")).toBe("k7m2px9qfd");
    expect(normalizeRecoveryCode(" k7m2p x9qfd ")).toBe("k7m2px9qfd");
    for (const bad of ["k7m2p-x9qf", "k7m2p-x9qfdd", "k7m2p-x9qf0", "k7m2p-x9qfl", "123456", "", 42, null]) {
      expect(normalizeRecoveryCode(bad)).toBeNull();
    }
    fc.assert(
      fc.property(fc.anything(), (input) => {
        normalizeRecoveryCode(input);
      }),
    );
  });

  it("is stored as a keyed hash bound to the user", () => {
    const hash = recoveryCodeHash(USER, "k7m2px9qfd");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(recoveryCodeHash(OTHER, "k7m2px9qfd"));
  });
});
