/**
 * The app's connections to its database as PostgreSQL sees them (pg_stat_activity): after an outage, the pool must
 * be full again and the LISTEN connection back. Read through a connection of the test's own, to another database.
 */
import type postgres from "postgres";
import { sleep } from "./requests";

export interface AppConnections {
  /** The pool's connections (everything but the LISTEN one). */
  pool: number;
  listen: number;
  /** Counts by state, for failure messages: `idle 9, listen idle 1`. */
  states: string;
}

export async function appConnections(admin: postgres.Sql, database: string): Promise<AppConnections> {
  const rows = await admin<{ listen: boolean; state: string | null; n: number }[]>`
    select query ilike 'listen %' as listen, state, count(*)::int as n
    from pg_stat_activity
    where datname = ${database} and backend_type = 'client backend'
      and application_name <> 'resilience-ledger' and pid <> pg_backend_pid()
    group by 1, 2`;
  const count = (listen: boolean) => rows.filter((r) => r.listen === listen).reduce((n, r) => n + r.n, 0);
  const states = rows.map((r) => `${r.listen ? "listen " : ""}${r.state ?? "?"} ${r.n}`).join(", ");
  return { pool: count(false), listen: count(true), states };
}

/**
 * Watches the app's connections from `since` for `windowMs`: when (ms after `since`) the pool first had `poolMax`
 * connections and the LISTEN connection was back; undefined for what did not happen within the window.
 */
export async function watchConnections(
  admin: postgres.Sql,
  database: string,
  options: { since: number; windowMs: number; poolMax: number },
): Promise<{ poolFullMs?: number; listenMs?: number; last: string }> {
  const { since, windowMs, poolMax } = options;
  let poolFullMs: number | undefined;
  let listenMs: number | undefined;
  let last = "";
  while (performance.now() < since + windowMs && (poolFullMs === undefined || listenMs === undefined)) {
    const seen = await appConnections(admin, database).catch(() => ({ pool: 0, listen: 0, states: "unreadable" }));
    last = `pool ${seen.pool}/${poolMax}, listen ${seen.listen}: ${seen.states}`;
    if (poolFullMs === undefined && seen.pool >= poolMax) poolFullMs = performance.now() - since;
    if (listenMs === undefined && seen.listen === 1) listenMs = performance.now() - since;
    await sleep(100);
  }
  return { poolFullMs, listenMs, last };
}
