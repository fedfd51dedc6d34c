/** The pure parts of idempotency: which keys are accepted, whose they are, what counts as the same input, sealing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { checkedKey, hashInput, idempotencyScope, MAX_KEY_LENGTH } from "./key";
import { seal, unseal } from "./seal";

const user = {
  id: "2f0c6a1e-8a53-4a53-9d7e-3c1b1f6f0a11",
  name: "Mia",
  email: "mia@test.local",
  role: "member" as const,
  emailVerifiedAt: null,
};

describe("checkedKey", () => {
  it("accepts exactly the strings of 1 to 255 printable ASCII characters (generated)", () => {
    const anyLatin1 = fc.string({
      unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)),
      maxLength: 300,
    });
    fc.assert(
      fc.property(fc.oneof(anyLatin1, fc.string({ maxLength: 300 })), (value) => {
        const valid = value.length >= 1 && value.length <= MAX_KEY_LENGTH && /^[\x20-\x7e]+$/.test(value);
        if (valid) expect(checkedKey(value)).toBe(value);
        else expect(() => checkedKey(value)).toThrow(/Idempotency-Key/);
      }),
      { numRuns: 2_000 },
    );
  });

  it("says what is wrong, naming the header as the field", () => {
    for (const [value, words] of [
      ["", "must not be empty"],
      ["k".repeat(256), "at most 255 characters"],
      ["tab\there", "printable ASCII"],
    ] as const) {
      try {
        checkedKey(value);
        expect.unreachable();
      } catch (error) {
        const e = error as { code: string; message: string; cause: { fieldErrors: Record<string, string[]> } };
        expect(e.code).toBe("BAD_REQUEST");
        expect(e.message).toContain(words);
        expect(Object.keys(e.cause.fieldErrors)).toEqual(["Idempotency-Key"]);
      }
    }
  });
});

describe("idempotencyScope", () => {
  it("is the user for sessions and tokens alike, one shared scope for anonymous callers", () => {
    expect(idempotencyScope({ kind: "user", user, via: "session" })).toBe(`user:${user.id}`);
    expect(idempotencyScope({ kind: "user", user, via: "token", tokenId: "t", scope: "write" })).toBe(
      `user:${user.id}`,
    );
    expect(idempotencyScope({ kind: "anonymous" })).toBe("anonymous");
    expect(idempotencyScope({ kind: "system", reason: "seed" })).toBe("system");
  });
});

describe("hashInput", () => {
  it("ignores the order of object keys, at any depth", () => {
    expect(hashInput({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(hashInput({ b: { d: "x", c: [1, 2] }, a: 1 }));
  });

  it("tells apart values the wire tells apart: a Date and its ISO string, array order, undefined and absent", () => {
    const at = new Date("2030-01-01T00:00:00.000Z");
    expect(hashInput({ at })).not.toBe(hashInput({ at: at.toISOString() }));
    expect(hashInput([1, 2])).not.toBe(hashInput([2, 1]));
    expect(hashInput({ a: undefined })).not.toBe(hashInput({}));
  });

  it("is the same for equal inputs and differs for different ones (generated)", () => {
    // Inputs reach it through the wire guard (core/wire.ts), which refuses `__proto__`, `constructor` and `prototype`
    // keys with a 400 first (superjson cannot carry them).
    const input = fc.jsonValue().filter((v) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v)));
    fc.assert(
      fc.property(input, input, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        if (same) expect(hashInput(a)).toBe(hashInput(b));
        expect(hashInput(a)).toBe(hashInput(structuredClone(a)));
      }),
    );
  });
});

describe("seal", () => {
  const secret = "a secret long enough for the tests of sealing";

  it("opens with the same secret and context, never with another", () => {
    const sealed = seal('{"token":"atr_secret"}', "user:1\ntokens.create\nk", secret);
    expect(sealed).not.toContain("atr_secret");
    expect(unseal(sealed, "user:1\ntokens.create\nk", secret)).toBe('{"token":"atr_secret"}');
    expect(unseal(sealed, "user:2\ntokens.create\nk", secret)).toBeUndefined();
    expect(unseal(sealed, "user:1\ntokens.create\nk", `${secret}, rotated`)).toBeUndefined();
  });

  it("uses a fresh IV every time and refuses a damaged value", () => {
    const a = seal("same", "c", secret);
    expect(seal("same", "c", secret)).not.toBe(a);
    const flipped = `${a.slice(0, -2)}${a.at(-2) === "A" ? "B" : "A"}${a.at(-1)}`;
    expect(unseal(flipped, "c", secret)).toBeUndefined();
    expect(unseal("v2.AAAA", "c", secret)).toBeUndefined();
    expect(unseal("v1.", "c", secret)).toBeUndefined();
  });
});

describe("IDEMPOTENCY_KEY_TTL_SECONDS", () => {
  it("defaults to 24 h and is refused, by name, outside 1 minute to 30 days", () => {
    expect(parseEnv({ NODE_ENV: "test" }).IDEMPOTENCY_KEY_TTL_SECONDS).toBe(86_400);
    expect(parseEnv({ NODE_ENV: "test", IDEMPOTENCY_KEY_TTL_SECONDS: "3600" }).IDEMPOTENCY_KEY_TTL_SECONDS).toBe(3_600);
    for (const bad of ["59", "2592001", "1.5", "a day"]) {
      expect(() => parseEnv({ NODE_ENV: "test", IDEMPOTENCY_KEY_TTL_SECONDS: bad })).toThrow(
        /IDEMPOTENCY_KEY_TTL_SECONDS/,
      );
    }
  });
});
