/**
 * TOTP against RFC 6238 itself (the Appendix B SHA-1 vectors) and the acceptance window: the code of a step works one
 * step early or late (section 5.2), never two, never again once a step at or after it was accepted, and nothing a
 * visitor can type makes it throw.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  manualKey,
  matchTotp,
  newTotpSecret,
  normalizeTotpCode,
  otpauthUri,
  TOTP_SECRET_BYTES,
  totpCodeAt,
  totpStep,
} from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; T0 = 0, X = 30 s, 8 digits.
const RFC_SECRET = new TextEncoder().encode("12345678901234567890");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("RFC 6238 Appendix B (SHA-1)", () => {
  it.each(RFC_VECTORS)("at %i s the 8-digit code is %s", (seconds, code) => {
    expect(totpCodeAt(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it.each(RFC_VECTORS)("at %i s the 6-digit code is the last six of %s, and it is accepted", (seconds, code) => {
    const six = code.slice(-6);
    expect(totpCodeAt(RFC_SECRET, totpStep(seconds * 1000))).toBe(six);
    expect(matchTotp(RFC_SECRET, six, seconds * 1000, null)).toBe(totpStep(seconds * 1000));
  });
});

describe("the acceptance window", () => {
  const t = 1111111111 * 1000;
  const step = totpStep(t);
  const code = totpCodeAt(RFC_SECRET, step);

  it("accepts the code one step early or late (±30 s), and refuses it two steps off", () => {
    expect(matchTotp(RFC_SECRET, code, t, null)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, t + 30_000, null)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, t - 30_000, null)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, t + 60_000, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, code, t - 60_000, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step + 2), t, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step - 2), t, null)).toBeNull();
  });

  it("refuses a step at or before the last one accepted (a replayed code)", () => {
    expect(matchTotp(RFC_SECRET, code, t, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, code, t, step + 1)).toBeNull();
    expect(matchTotp(RFC_SECRET, code, t, step - 1)).toBe(step);
    // The next step's code is still good after this one was used.
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step + 1), t, step)).toBe(step + 1);
  });

  it("takes exactly six digits, spaces allowed anywhere", () => {
    expect(matchTotp(RFC_SECRET, ` ${code.slice(0, 3)} ${code.slice(3)} `, t, null)).toBe(step);
    expect(normalizeTotpCode("123 456")).toBe("123456");
    for (const bad of ["12345", "1234567", "12345a", "١٢٣٤٥٦", "123-456", "", "+12345", "12345\u0000", " "]) {
      expect(normalizeTotpCode(bad), bad).toBeNull();
    }
    expect(normalizeTotpCode(123456)).toBeNull();
    expect(normalizeTotpCode(`${"1".repeat(6)}${" ".repeat(100)}`)).toBeNull();
  });

  it("refuses with an empty secret rather than matching anything", () => {
    expect(matchTotp(new Uint8Array(), code, t, null)).toBeNull();
  });
});

describe("secrets, URIs and manual keys", () => {
  it("makes 160-bit random secrets", () => {
    const a = newTotpSecret();
    expect(a).toHaveLength(TOTP_SECRET_BYTES);
    expect(Buffer.from(a).equals(Buffer.from(newTotpSecret()))).toBe(false);
  });

  it("writes the otpauth URI apps scan, and a manual key in groups of four that decodes to the secret", () => {
    const secret = newTotpSecret();
    const uri = new URL(otpauthUri({ issuer: "Atrium", account: "ada@example.com", secret }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Atrium:ada@example.com");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      issuer: "Atrium",
      algorithm: "SHA1",
      period: "30",
      digits: "6",
    });
    const key = manualKey(secret);
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    expect(key.replaceAll(" ", "")).toBe(uri.searchParams.get("secret"));
    expect(Buffer.from(decodeBase32IgnorePadding(key.replaceAll(" ", ""))).equals(Buffer.from(secret))).toBe(true);
  });
});

describe("properties", () => {
  const secrets = fc.uint8Array({ minLength: 10, maxLength: 64 });
  // From two days after the epoch to the year 2200, in milliseconds (a day either side stays after the epoch).
  const times = fc.integer({ min: 2 * 86_400_000, max: 7_258_118_400_000 });

  it("a code made at t is accepted at t ± 30 s", () => {
    fc.assert(
      fc.property(secrets, times, fc.constantFrom(-30_000, 0, 30_000), (secret, t, shift) => {
        const code = totpCodeAt(secret, totpStep(t));
        expect(matchTotp(secret, code, t + shift, null)).not.toBeNull();
      }),
    );
  });

  it("a code made at t is refused at t ± 61 s or more (unless it happens to equal a code of the window)", () => {
    fc.assert(
      fc.property(
        secrets,
        times,
        fc.integer({ min: 61_000, max: 86_400_000 }),
        fc.boolean(),
        (secret, t, distance, later) => {
          const code = totpCodeAt(secret, totpStep(t));
          const now = later ? t + distance : t - distance;
          const window = [-1, 0, 1].map((d) => totpCodeAt(secret, totpStep(now) + d));
          // A 6-digit code collides with another step's about once in a million: that is not a replay.
          fc.pre(!window.includes(code));
          expect(matchTotp(secret, code, now, null)).toBeNull();
        },
      ),
    );
  });

  it("a code is never accepted again once its step (or a later one) was", () => {
    fc.assert(
      fc.property(secrets, times, fc.integer({ min: 0, max: 5 }), (secret, t, ahead) => {
        const step = totpStep(t);
        const code = totpCodeAt(secret, step);
        expect(matchTotp(secret, code, t, step + ahead)).toBeNull();
      }),
    );
  });

  it("garbage never throws, and only six digits can match", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.stringMatching(/^[\d\s]{0,80}$/)), times, (input, t) => {
        const result = matchTotp(RFC_SECRET, input, t, null);
        if (result !== null) expect(normalizeTotpCode(input)).toMatch(/^\d{6}$/);
      }),
    );
  });
});
