/**
 * What the database must hold after writes were cut short (an outage, a killed app): every acknowledged post exactly
 * once, and every post whole, meaning with exactly one audit entry and one live event of its creation, each of those
 * pointing at a post that exists. A partial write (a post without its audit entry or event, or either without the
 * post) is the one thing a transaction must make impossible, so it is checked over the whole database, not only for
 * acknowledged posts. Run on a database only the test writes posts to.
 */
import postgres from "postgres";

export interface LedgerProblems {
  /** Acknowledged post ids that are not in the table. */
  missing: string[];
  /** Titles (one per idempotency key) held by more than one post. */
  duplicated: string[];
  /** Posts whose creation has no audit entry, or more than one. */
  auditNotOne: string[];
  /** Posts whose creation has no live event, or more than one. */
  eventNotOne: string[];
  /** Audit entries or live events of a post creation that does not exist. */
  orphans: string[];
  /**
   * Committed live events the sequencer leaves without an id. The app numbers events just after COMMIT, so one killed
   * in between leaves some; the ledger runs the sequencer first, as any instance's listener would within a second.
   */
  unnumbered: number;
}

export async function ledgerProblems(url: string, acknowledgedIds: string[]): Promise<LedgerProblems> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "resilience-ledger" } });
  try {
    const present = new Set(
      (await sql<{ id: string }[]>`select id::text as id from posts where id::text = any(${acknowledgedIds})`).map(
        (r) => r.id,
      ),
    );
    const duplicated = await sql<{ title: string; n: number }[]>`
      select title, count(*)::int as n from posts group by title having count(*) > 1`;
    const auditNotOne = await sql<{ id: string; n: number }[]>`
      select p.id::text as id, count(a.id)::int as n from posts p
      left join audit_log a on a.resource = 'posts' and a.record_id = p.id::text and a.operation = 'create'
      group by p.id having count(a.id) <> 1`;
    // What a restarted instance does within a second: number what committed (batches of 10,000 until none is left),
    // which moves each event out of the queue into the log, where the checks below look for it.
    while ((await sql<{ n: number }[]>`select live_events_sequence(10000) as n`)[0]?.n === 10_000) {}
    const eventNotOne = await sql<{ id: string; n: number }[]>`
      select p.id::text as id, count(e.id)::int as n from posts p
      left join live_events e on e.resource = 'posts' and e.record_id = p.id::text and e.operation = 'create'
      group by p.id having count(e.id) <> 1`;
    const orphans = await sql<{ what: string; id: string }[]>`
      select 'audit entry' as what, a.record_id as id from audit_log a
      where a.resource = 'posts' and a.operation = 'create' and not exists (select 1 from posts p where p.id::text = a.record_id)
      union all
      select 'live event', e.record_id from live_events e
      where e.resource = 'posts' and e.operation = 'create' and not exists (select 1 from posts p where p.id::text = e.record_id)`;
    const [unnumbered] = await sql<{ n: number }[]>`select count(*)::int as n from live_events_queue`;
    return {
      missing: acknowledgedIds.filter((id) => !present.has(id)),
      duplicated: duplicated.map((r) => `${r.title} x${r.n}`),
      auditNotOne: auditNotOne.map((r) => `${r.id}: ${r.n}`),
      eventNotOne: eventNotOne.map((r) => `${r.id}: ${r.n}`),
      orphans: orphans.map((r) => `${r.what} of ${r.id}`),
      unnumbered: unnumbered?.n ?? 0,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Event ids of post changes in the log after `after` up to `through`, in order: what a subscriber must have got. */
export async function postEventIds(url: string, after: number, through: number): Promise<number[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "resilience-ledger" } });
  try {
    const rows = await sql<{ seq: string }[]>`
      select seq::text as seq from live_events
      where resource = 'posts' and seq > ${after} and seq <= ${through} order by live_events.seq`;
    return rows.map((r) => Number(r.seq));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The newest event id of a post change (0 when there is none). */
export async function latestPostEventId(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "resilience-ledger" } });
  try {
    const [row] = await sql<
      { seq: string | null }[]
    >`select max(seq)::text as seq from live_events where resource = 'posts'`;
    return Number(row?.seq ?? 0);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
