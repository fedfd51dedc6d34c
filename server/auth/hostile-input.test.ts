/**
 * Sign-in and sign-up with text PostgreSQL cannot store (a NUL byte; for sign-up also an unpaired surrogate): refused as bad
 * credentials or a field error, never a database error, and nothing is written (not even a rate-limit counter).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { signUpSchema } from "./sign-up";
import { attemptSignIn } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("credentials sign-in with unstorable text", () => {
  it("is refused as invalid credentials, with no rate-limit row written", async () => {
    // (An unpaired surrogate can not arrive here: form encoding turns it into U+FFFD, which is storable text.)
    const nulEmail = await attemptSignIn(t.db, "nul\u0000@test.local", "whatever password");
    expect(nulEmail).toMatchObject({ status: 302, error: "CredentialsSignin", code: "invalid_credentials" });
    const attempt = await attemptSignIn(t.db, "someone@test.local", "pass\u0000word");
    expect(attempt).toMatchObject({ status: 302, error: "CredentialsSignin", code: "invalid_credentials" });
    expect(await t.db.select().from(rateLimits)).toEqual([]);
  });
});

describe("sign-up with unstorable text", () => {
  it("names the field", () => {
    const result = signUpSchema.safeParse({
      name: "Nul\u0000Name",
      email: "nul\u0000@test.local",
      password: "long enough\u0000pw",
      confirmPassword: "long enough\u0000pw",
    });
    expect(result.success).toBe(false);
    const fields = new Set((result.error?.issues ?? []).map((i) => i.path.join(".")));
    expect(fields).toEqual(new Set(["name", "email", "password"]));
    expect(result.error?.issues.find((i) => i.path[0] === "name")?.message).toBe("Remove the invalid characters.");
  });

  it("writes no user", async () => {
    expect(await t.db.$count(users)).toBe(0);
  });
});
