/**
 * A cheap fingerprint of every application table, in one query: an md5 over the md5 of each row, per table.
 * Bookkeeping that changes on its own is left out: rate-limit counters, the live-event pruning horizon, and
 * `api_tokens.last_used_at` (a token's use is recorded even when its request is refused).
 */
import type { Sql } from "postgres";

const ROWS: Record<string, string> = {
  posts: "posts t",
  comments: "comments t",
  tags: "tags t",
  post_tags: "post_tags t",
  users: "users t",
  announcements: "announcements t",
  api_tokens:
    "(select id, user_id, name, prefix, token_hash, scope, expires_at, revoked_at, created_at from api_tokens) t",
  audit_log: "audit_log t",
  live_events: "live_events t",
};

const QUERY = `select ${Object.entries(ROWS)
  .map(
    ([name, from]) =>
      `(select md5(coalesce(string_agg(h, ',' order by h), '')) from (select md5(t::text) h from ${from}) r) as "${name}"`,
  )
  .join(", ")}`;

export type Snapshot = Record<string, string>;

export async function snapshot(sql: Sql): Promise<Snapshot> {
  const [row] = await sql.unsafe<Snapshot[]>(QUERY);
  if (!row) throw new Error("the snapshot query returned no row");
  return row;
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(ROWS).filter((name) => before[name] !== after[name]);
}
