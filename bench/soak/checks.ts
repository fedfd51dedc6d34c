/**
 * What `bench:soak` checks against the database once the load has stopped: every live subscriber received exactly
 * the log's events after its first `ready` (none lost, none twice, in order), and the writes landed once each
 * (every acknowledged create present with one audit entry, none written twice, retried updates applied once).
 */
import type postgres from "postgres";
import { OP_KEY_PATTERN } from "./mix";
import type { WriteLedger } from "./requests";
import type { LiveSubscriber } from "./subscriber";

export interface DeliveryCheck {
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  /** Ids received that the log does not hold (or holds for another resource). */
  unexpected: number;
}

/** Ids of the posts events committed after `from`, ascending. */
export async function postsEventsAfter(sql: postgres.Sql, from: number): Promise<number[]> {
  const rows = await sql<{ seq: string }[]>`
    select seq::text from live_events where resource = 'posts' and seq > ${from} order by seq`;
  return rows.map((r) => Number(r.seq));
}

export function checkDelivery(log: number[], sub: LiveSubscriber): DeliveryCheck {
  const from = sub.firstReady ?? Number.POSITIVE_INFINITY;
  const expected = log.filter((seq) => seq > from);
  const received = new Set(sub.ids);
  const wanted = new Set(expected);
  let outOfOrder = 0;
  for (let i = 1; i < sub.ids.length; i++) if ((sub.ids[i] ?? 0) <= (sub.ids[i - 1] ?? 0)) outOfOrder++;
  return {
    expected: expected.length,
    received: sub.ids.length,
    lost: expected.filter((seq) => !received.has(seq)).length,
    duplicates: sub.ids.length - received.size,
    outOfOrder,
    unexpected: [...received].filter((seq) => !wanted.has(seq)).length,
  };
}

/** Waits until every subscriber that reads has received `latest` (or `timeoutMs` pass); the ms it took. */
export async function waitForDelivery(subs: LiveSubscriber[], latest: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (subs.every((s) => s.lastReceived >= latest)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

export interface WriteCheck {
  acknowledged: number;
  /** Acknowledged creates whose post is not in the database. */
  missing: number;
  /** Acknowledged creates without exactly one audit entry. */
  auditOff: number;
  /** Posts beyond the first with the same op key: creates written twice. */
  writtenTwice: number;
  /** Creates given up on that committed all the same. */
  givenUpButCommitted: number;
  /** Audit entries of this run's retitles, against the retitles acknowledged. */
  updateEntries: number;
}

export async function checkWrites(sql: postgres.Sql, ledger: WriteLedger, tag: string): Promise<WriteCheck> {
  const ids = ledger.created;
  const [found] = await sql<{ n: number }[]>`
    select count(*)::int as n from posts where id::text = any(${sql.array(ids)}::text[])`;
  const [audited] = await sql<{ n: number }[]>`
    select count(*)::int as n from (
      select record_id from audit_log
      where resource = 'posts' and operation = 'create' and record_id = any(${sql.array(ids)}::text[])
      group by record_id having count(*) = 1) one`;
  const [twice] = await sql<{ n: number }[]>`
    select (count(*) - count(distinct substring(body from ${OP_KEY_PATTERN})))::int as n
    from posts where body ~ ${OP_KEY_PATTERN}`;
  const [committed] = await sql<{ n: number }[]>`
    select count(*)::int as n from posts
    where substring(body from ${OP_KEY_PATTERN}) = any(${sql.array(ledger.createsGivenUp)}::text[])`;
  const [updates] = await sql<{ n: number }[]>`
    select count(*)::int as n from audit_log
    where resource = 'posts' and operation = 'update' and after->>'title' like ${`Soak ${tag} edit %`}`;
  return {
    acknowledged: ids.length,
    missing: ids.length - (found?.n ?? 0),
    auditOff: ids.length - (audited?.n ?? 0),
    writtenTwice: twice?.n ?? 0,
    givenUpButCommitted: committed?.n ?? 0,
    updateEntries: updates?.n ?? 0,
  };
}
