/**
 * The listener retries an event when the database could not answer, and gives up on one audience when PostgreSQL
 * refused that audience's query: the two must not be confused. A real refusal and a real connection failure are
 * produced against PostgreSQL; the other shapes are those postgres.js and Drizzle throw.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { isDatabaseUnavailable } from "./unavailable";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );

describe("isDatabaseUnavailable", () => {
  it("is false for a query PostgreSQL ran and refused (as Drizzle wraps it)", async () => {
    for (const query of [sql`select 1 / 0`, sql`select 'x'::int`, sql`select no_such_column from live_events`]) {
      expect(isDatabaseUnavailable(await failure(t.db.execute(query)))).toBe(false);
    }
  });

  it("is true when the server cannot be reached", async () => {
    const nowhere = postgres("postgres://nobody@127.0.0.1:1/none", { connect_timeout: 2, max: 1 });
    try {
      expect(isDatabaseUnavailable(await failure(nowhere`select 1`))).toBe(true);
    } finally {
      await nowhere.end({ timeout: 1 });
    }
  });

  it("is true for the server's own connection, resource and shutdown states, however deeply wrapped", () => {
    const pg = (code: string) => Object.assign(new Error(code), { name: "PostgresError", code });
    for (const code of ["08006", "57P01", "57P03", "53300", "40001", "58030", "3D000", "28P01"]) {
      expect(isDatabaseUnavailable(pg(code)), code).toBe(true);
      expect(isDatabaseUnavailable(new Error("Failed query", { cause: pg(code) })), code).toBe(true);
    }
    for (const code of ["CONNECTION_CLOSED", "CONNECT_TIMEOUT", "CONNECTION_DESTROYED", "ECONNRESET"]) {
      expect(isDatabaseUnavailable(Object.assign(new Error(code), { code })), code).toBe(true);
    }
    for (const code of ["22012", "22021", "42703", "57014", "54001", "MAX_PARAMETERS_EXCEEDED"]) {
      expect(isDatabaseUnavailable(pg(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});
