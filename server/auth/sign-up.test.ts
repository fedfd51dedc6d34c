import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { verifyPassword } from "./password";
import { signUp } from "./register";
import { signUpSchema } from "./sign-up";
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

describe("signUp", () => {
  it("creates an unverified member with a hashed password that signs in, and queues the verification mail", async () => {
    const input = signUpSchema.parse(valid);
    const result = await signUp(t.db, input);
    expect(result.created).toEqual(expect.any(String));
    const [row] = await t.db.select().from(users).where(eq(users.email, "nora@test.local"));
    expect(row).toMatchObject({ name: "Nora New", role: "member", blocked: false, emailVerifiedAt: null });
    expect(row?.passwordHash).not.toContain("long enough pw");
    expect(await verifyPassword("long enough pw", row?.passwordHash)).toBe(true);
    expect(await signInCookie(t.db, "nora@test.local", "long enough pw")).toContain("session-token");
    expect(await queued("users.verify-email")).toEqual([{ userId: row?.id }]);
  });

  it("creates nobody for a taken email, also for two sign-ups racing, and queues a notice to the account instead", async () => {
    const again = await signUp(t.db, { name: "Other", email: "NORA@test.local", password: "another password" });
    expect(again).toEqual({ created: null });
    expect(await queued("users.sign-up-attempt")).toEqual([{ email: "nora@test.local" }]);

    const racing = await Promise.all([
      signUp(t.db, { name: "A", email: "race@test.local", password: "password-one" }),
      signUp(t.db, { name: "B", email: "race@test.local", password: "password-two" }),
    ]);
    expect(racing.filter((r) => r.created !== null)).toHaveLength(1);
    expect(await t.db.select().from(users).where(eq(users.email, "race@test.local"))).toHaveLength(1);
    const [nora] = await t.db.select().from(users).where(eq(users.email, "nora@test.local"));
    expect(nora?.name).toBe("Nora New");
  });
});

/** The inputs of the jobs of this name waiting in the queue. */
async function queued(name: string) {
  // jsonb comes back as text from this pool (db/client.ts keeps JSON parsing to Drizzle's columns).
  const rows = await t.sql`select data::text as data from pgboss.job where name = ${name} order by created_on`;
  return rows.map((r) => JSON.parse(r.data as string) as unknown);
}
