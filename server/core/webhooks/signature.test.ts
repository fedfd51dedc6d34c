/**
 * Signatures as a receiver checks them: computed independently here with node:crypto from the documented recipe
 * (HMAC-SHA256 of `<t>.<body>`), accepted within the tolerance, refused when stale, tampered or signed with another
 * secret.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSecret, signatureHeader, verifySignature } from "./signature";

describe("webhook signatures", () => {
  it("is the HMAC-SHA256 of `<timestamp>.<body>`, hex, as the docs say", () => {
    const secret = generateSecret();
    const body = JSON.stringify({ id: "e1", record: { title: "Ünïcode ✓" } });
    const header = signatureHeader(secret, 1_700_000_000, body);
    const independent = createHmac("sha256", secret).update(`1700000000.${body}`, "utf8").digest("hex");
    expect(header).toBe(`t=1700000000,v1=${independent}`);
  });

  it("makes secrets that differ and say what they are", () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret()).not.toBe(a);
  });

  it("verifies within the tolerance and refuses replays, tampering and other secrets", () => {
    const secret = generateSecret();
    const body = '{"id":"e1"}';
    const header = signatureHeader(secret, 1_000, body);
    expect(verifySignature(secret, header, body, { now: 1_100 })).toEqual({ ok: true, timestamp: 1_000 });
    expect(verifySignature(secret, header, body, { now: 1_000 + 301 }).ok).toBe(false);
    expect(verifySignature(secret, header, `${body} `, { now: 1_000 }).ok).toBe(false);
    expect(verifySignature(generateSecret(), header, body, { now: 1_000 }).ok).toBe(false);
    expect(verifySignature(secret, header.replace("t=1000", "t=1001"), body, { now: 1_000 }).ok).toBe(false);
    expect(verifySignature(secret, undefined, body).ok).toBe(false);
  });

  it("property: any corruption of the header is refused, never thrown", () => {
    const secret = generateSecret();
    const body = '{"id":"e2"}';
    const header = signatureHeader(secret, 5_000, body);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        const result = verifySignature(secret, junk, body, { now: 5_000 });
        if (junk !== header) expect(result.ok).toBe(false);
      }),
    );
  });
});
