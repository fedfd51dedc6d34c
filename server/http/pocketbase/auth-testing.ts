/**
 * For the auth endpoints' tests: the handler on a test database, called with real Requests, directly or through the
 * unmodified `pocketbase` SDK (its per-request `fetch` option points at the handler, in process), and a count of
 * every table a refused request must leave alone. The handler is called behind no gate, so the API-wide limit's
 * counters (written behind, on a timer) never touch those tables; the gate is tested in auth-gate.test.ts.
 */
import { sql } from "drizzle-orm";
import type PocketBase from "pocketbase";
import type { TestDatabase } from "@/db/testing/test-db";
import { inProcessSdk, ORIGIN } from "./testing";

export { ORIGIN };

type Auth = typeof import("./auth");

export interface AuthHarness {
  auth: Auth;
  /** The handler answering one request, found by its path as the route finds it. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** A PocketBase SDK client whose requests reach the handler in process, from this client IP. */
  sdk: (ip: string) => PocketBase;
  call: (action: string, options?: CallOptions) => Promise<Answer>;
}

export interface CallOptions {
  method?: string;
  collection?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (with `contentType`, default JSON). */
  raw?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  query?: string;
  ip?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown> | null;
}

/** Points the app's database at the test database, then loads the handler (which reads it through getDb()). */
export async function authHarness(t: TestDatabase): Promise<AuthHarness> {
  process.env.DATABASE_URL = t.url;
  const auth = await import("./auth");

  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const [, , , collection = "", action = ""] = new URL(req.url).pathname.split("/");
    return auth.pocketBaseAuth(req, decodeURIComponent(collection), decodeURIComponent(action));
  };

  const sdk = (ip: string) => inProcessSdk(fetch, { "x-forwarded-for": ip });

  const call = async (action: string, options: CallOptions = {}): Promise<Answer> => {
    const { method = "POST", collection = "users", headers = {}, query = "", ip = "192.0.2.1" } = options;
    const init: RequestInit = { method, headers: { "x-forwarded-for": ip, ...headers } };
    if (options.body !== undefined || options.raw !== undefined) {
      (init.headers as Record<string, string>)["content-type"] = options.contentType ?? "application/json";
      init.body = options.raw ?? JSON.stringify(options.body);
    }
    const res = await auth.pocketBaseAuth(
      new Request(`${ORIGIN}/api/collections/${collection}/${action}${query}`, init),
      collection,
      action,
    );
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };

  return { auth, fetch, sdk, call };
}

/** Rows in every table an auth request may write: a refused request must leave each count as it was. */
export async function writeCounts(t: TestDatabase): Promise<Record<string, number>> {
  const [row] = await t.db.execute<Record<string, number>>(sql`
    select
      (select count(*)::int from rate_limits) as "rateLimits",
      (select count(*)::int from auth_sessions) as "sessions",
      (select count(*)::int from pgboss.job) as "jobs",
      (select count(*)::int from password_resets) as "passwordResets",
      (select count(*)::int from account_tokens) as "accountTokens",
      (select count(*)::int from audit_log) as "audit",
      (select coalesce(max(extract(epoch from updated_at)), 0)::float8 from users) as "usersUpdated"
  `);
  if (!row) throw new Error("counting rows returned nothing");
  return row;
}
