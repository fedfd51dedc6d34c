/**
 * A cheap fingerprint of every application table, in one query: an md5 over the md5 of each row, per table.
 * Bookkeeping that changes on its own is left out: rate-limit counters, the live-event pruning horizon, live events'
 * numbers (given just after an earlier write's COMMIT, when the sequencer moves the event from `live_events_queue` to
 * `live_events`: the two are fingerprinted as one), and `api_tokens.last_used_at` (a token's use is recorded even
 * when its request is refused).
 *
 * The md5 query reads every row, and the fuzz asks "did this refused request change anything?" about 10 000 times:
 * fingerprinting before and after each request was half the fuzz's run time. `TableWatch` answers the same question
 * without reading the tables when nothing was written: row and TRUNCATE triggers on the fingerprinted tables note
 * each committed writing transaction in `fuzz_watch.writes` (inserted in the writer's own transaction, so a rollback
 * takes the note with it). An unchanged count of notes proves that no row changed, hence that every md5 is as it
 * was; when the count moved, the md5s are taken and compared exactly as before. The verdict is the md5 comparison's.
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
  // Queued and numbered events as one, without seq and committed_at: the sequencer moves earlier writes' events from
  // the queue to the log just after their COMMIT, which is not a change the request under test made.
  live_events: `(select id, resource, record_id, operation, before from live_events
    union all select id, resource, record_id, operation, before from live_events_queue) t`,
};

/** The tables the triggers watch: each fingerprinted table, and the queue the `live_events` fingerprint includes. */
const WATCHED = [...Object.keys(ROWS), "live_events_queue"];

const TABLES = Object.entries(ROWS).map(
  ([name, from]) =>
    `(select md5(coalesce(string_agg(h, ',' order by h), '')) from (select md5(t::text) h from ${from}) r) as "${name}"`,
);
const QUERY = `select ${TABLES.join(", ")}`;

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

/**
 * One row per (committed transaction, table) that changed a fingerprinted row. An UPDATE that leaves the row's text
 * as it was (or, in api_tokens, changes only last_used_at, as ROWS does) is not noted: it cannot move an md5. The
 * check is stricter than the md5s anywhere it differs (a row written and then restored is noted), which only costs
 * an md5 comparison, never a missed change.
 */
const INSTALL = `
create schema fuzz_watch;
create table fuzz_watch.writes (xid xid8 not null, tbl text not null, primary key (xid, tbl));
create function fuzz_watch.note() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if old::text is not distinct from new::text then return null; end if;
    if tg_table_name = 'api_tokens' and (to_jsonb(old) - 'last_used_at') = (to_jsonb(new) - 'last_used_at') then
      return null;
    end if;
  end if;
  -- The sequencer's move of an event (out of the queue, into the log) leaves the events' fingerprint as it was. Only
  -- the sequencer deletes from the queue or inserts into the log; writers insert into the queue, pruning deletes from
  -- the log, and both are noted.
  if (tg_table_name = 'live_events_queue' and tg_op = 'DELETE') or (tg_table_name = 'live_events' and tg_op = 'INSERT')
  then
    return null;
  end if;
  insert into fuzz_watch.writes values (pg_current_xact_id(), tg_table_name) on conflict do nothing;
  return null;
end $$;
${WATCHED.map(
  (table) => `
create trigger fuzz_watch_rows after insert or update or delete on "${table}"
  for each row execute function fuzz_watch.note();
create trigger fuzz_watch_truncate after truncate on "${table}"
  for each statement execute function fuzz_watch.note();`,
).join("")}`;

/** What the tables held at one moment: their md5s and the count of notes written up to then (one statement). */
export interface TablesState {
  writes: number;
  tables: Snapshot;
}

export class TableWatch {
  private known: TablesState | undefined;

  private constructor(private readonly sql: Sql) {}

  /** Installs the triggers in the test database and checks that each fingerprinted table has both. */
  static async install(sql: Sql): Promise<TableWatch> {
    await sql.unsafe(INSTALL);
    const rows = await sql<{ table: string }[]>`
      select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
       where g.tgname in ('fuzz_watch_rows', 'fuzz_watch_truncate') and g.tgenabled = 'O'
       group by c.relname having count(*) = 2`;
    const watched = new Set(rows.map((r) => r.table));
    const missing = WATCHED.filter((t) => !watched.has(t));
    if (missing.length > 0) throw new Error(`no change triggers on ${missing.join(", ")}`);
    return new TableWatch(sql);
  }

  /** How many writing transactions have been noted: moves with every committed change to a fingerprinted row. */
  async writes(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`select count(*)::int as n from fuzz_watch.writes`;
    return row?.n ?? 0;
  }

  private async read(): Promise<TablesState> {
    const [row] = await this.sql.unsafe<(Snapshot & { __writes: number })[]>(
      `select (select count(*)::int from fuzz_watch.writes) as __writes, ${TABLES.join(", ")}`,
    );
    if (!row) throw new Error("the snapshot query returned no row");
    const { __writes: writes, ...tables } = row;
    return { writes, tables };
  }

  /** The state now: the last md5s read when nothing has been written since, else freshly read. */
  async before(): Promise<TablesState> {
    if (this.known === undefined || this.known.writes !== (await this.writes())) this.known = await this.read();
    return this.known;
  }

  /** The fingerprinted tables whose md5 differs from `before`; no md5 is read when nothing was written since. */
  async changedSince(before: TablesState): Promise<string[]> {
    if ((await this.writes()) === before.writes) return [];
    this.known = await this.read();
    return changedTables(before.tables, this.known.tables);
  }
}
