/** The generated form's key per submit: fresh for a new submit, the same for the same values sent again. */
import { describe, expect, it } from "vitest";
import { newKey, submitFingerprint, submitKey } from "./submit-key";

describe("submitKey", () => {
  it("reuses the unanswered key when the same values go to the same record again", () => {
    const first = submitKey(null, submitFingerprint("create", { title: "Hello", at: new Date(0) }));
    const again = submitKey(first, submitFingerprint("create", { title: "Hello", at: new Date(0) }));
    expect(again.key).toBe(first.key);
  });

  it("takes a fresh key for other values, another record, or after an answer (no previous key)", () => {
    const first = submitKey(null, submitFingerprint("create", { title: "Hello" }));
    expect(submitKey(first, submitFingerprint("create", { title: "Hello!" })).key).not.toBe(first.key);
    expect(submitKey(first, submitFingerprint("post-1", { title: "Hello" })).key).not.toBe(first.key);
    expect(submitKey(first, submitFingerprint("create", { at: "1970-01-01T00:00:00.000Z" })).key).not.toBe(
      submitKey(first, submitFingerprint("create", { at: new Date(0) })).key,
    );
    expect(submitKey(null, first.fingerprint).key).not.toBe(first.key);
  });
});

describe("newKey", () => {
  it("is a version 4 UUID, also where crypto.randomUUID is missing (pages served over plain http)", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newKey()).toMatch(uuid);
    const randomUUID = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 100 }, () => newKey()));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(uuid);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true });
    }
  });
});
