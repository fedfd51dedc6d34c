import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { verifyPassword } from "./password";
import { registerUser, signUpSchema } from "./sign-up";
import { signInCookie } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const valid = {
  name: " Nora New ",
  email: " Nora@Test.Local ",
  password: "long enough pw",
  confirmPassword: "long enough pw",
};

describe("signUpSchema", () => {
  it("normalises the name and email", () => {
    expect(signUpSchema.parse(valid)).toMatchObject({ name: "Nora New", email: "nora@test.local" });
  });

  it("reports each problem on its field", () => {
    const result = signUpSchema.safeParse({ name: "", email: "not-an-email", password: "short", confirmPassword: "x" });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(fields).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address.",
      password: "Use at least 10 characters.",
      confirmPassword: "The passwords do not match.",
    });
  });
});

describe("registerUser", () => {
  it("creates a member with a hashed password that signs in", async () => {
    const input = signUpSchema.parse(valid);
    const result = await registerUser(t.db, input);
    expect(result.ok).toBe(true);
    const [row] = await t.db.select().from(users).where(eq(users.email, "nora@test.local"));
    expect(row).toMatchObject({ name: "Nora New", role: "member", blocked: false });
    expect(row?.passwordHash).not.toContain("long enough pw");
    expect(await verifyPassword("long enough pw", row?.passwordHash)).toBe(true);
    expect(await signInCookie(t.db, "nora@test.local", "long enough pw")).toContain("session-token");
  });

  it("answers a taken email with a field error, also for two sign-ups racing, and keeps the first account", async () => {
    const again = await registerUser(t.db, { name: "Other", email: "NORA@test.local", password: "another password" });
    expect(again).toEqual({ ok: false, fieldErrors: { email: "An account with this email already exists." } });

    const racing = await Promise.all([
      registerUser(t.db, { name: "A", email: "race@test.local", password: "password-one" }),
      registerUser(t.db, { name: "B", email: "race@test.local", password: "password-two" }),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.select().from(users).where(eq(users.email, "race@test.local"))).toHaveLength(1);
    const [nora] = await t.db.select().from(users).where(eq(users.email, "nora@test.local"));
    expect(nora?.name).toBe("Nora New");
  });
});
