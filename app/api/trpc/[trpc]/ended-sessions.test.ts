/**
 * What broke: after `pg_terminate_backend` (an operator, a failover), a read sent on a connection whose session had
 * just ended answered 503 although the database was fine. Reads now run once more on another connection; a write does
 * not (it may have committed: that is what Idempotency-Key is for). Through the real route, on PostgreSQL.
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";

let t: TestDatabase;
let route: typeof import("./route");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  route = await import("./route");
});
afterAll(() => t.drop());

const list = async () => {
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ perPage: 1 })));
  const res = await route.GET(new Request(`http://localhost/api/trpc/tags.list?input=${input}`));
  return res.status;
};

/** Ends every session the app's pool holds, from another connection. */
const terminateAppSessions = () =>
  t.sql`select pg_terminate_backend(pid) from pg_stat_activity
    where datname = ${t.name} and application_name = 'atrium' and pid <> pg_backend_pid()`;

describe("reads on connections whose sessions just ended", () => {
  it("are run again on another connection, so every one answers 200", async () => {
    for (let round = 0; round < 5; round++) {
      // Every connection of the pool open and idle, then all of their sessions ended at once, then read at once.
      expect(await Promise.all(Array.from({ length: 10 }, list))).toEqual(Array(10).fill(200));
      await terminateAppSessions();
      expect(await Promise.all(Array.from({ length: 10 }, list))).toEqual(Array(10).fill(200));
    }
  });
});
