import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("scrypt password hashes", () => {
  it("are self-describing and salted: the same password hashes differently each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
  });

  it("verify the right password and refuse a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("treat canonically equivalent Unicode spellings as one password", async () => {
    const stored = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword("cafe\u0301 au lait", stored)).toBe(true);
  });

  it("refuse malformed or absurd stored values without throwing", async () => {
    const stored = await hashPassword("pw-1234567890");
    const [, , r, p, salt, key] = stored.split("$");
    for (const bad of [
      "",
      "plaintext",
      `bcrypt$32768$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // would need gigabytes
      `${stored}$extra`,
    ]) {
      expect(await verifyPassword("pw-1234567890", bad)).toBe(false);
    }
  });

  it("spend a full hash when there is no stored hash, so unknown emails cost the same time", async () => {
    const stored = await hashPassword("pw-1234567890");
    const time = async (value: string | null) => {
      const start = performance.now();
      for (let i = 0; i < 3; i++) await verifyPassword("guess-guess", value);
      return performance.now() - start;
    };
    await time(null); // the dummy hash is made on first use; measure after it
    const withHash = await time(stored);
    const without = await time(null);
    expect(await verifyPassword("anything", null)).toBe(false);
    // Same order of work (one scrypt per call); a skipped hash would be 100x faster.
    expect(without).toBeGreaterThan(withHash * 0.5);
  });
});
