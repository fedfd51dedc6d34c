/**
 * Who may see what of a live event. An audience is the SQL condition a subscriber reads a resource under (its `list`
 * rule, soft delete, its filter): the same condition `list` would AND into its query. Subscribers whose conditions
 * render to the same SQL and parameters share an audience, so one query per event answers for all of them (10,000
 * anonymous readers cost one), and field read rules are applied afterwards per actor, in memory.
 */
import { and, eq, getTableName, type SQL, sql } from "drizzle-orm";
import { type PgColumn, PgDialect, type PgTable } from "drizzle-orm/pg-core";
import { liveEvents } from "@/db/schema";
import { rowCondition } from "../access";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import { selection } from "../expand";
import { type FilterNode, filterToSql } from "../filter";
import { liveCondition } from "../read";
import type { AnyResource } from "../resource";
import { valueKind } from "../values";

type Rec = Record<string, unknown>;

export interface Audience {
  resource: AnyResource;
  condition: SQL | undefined;
  /** The rendered condition and its parameters: equal keys mean equal visibility. */
  key: string;
}

/** Whether an audience could see the record before the event, and the record now if it still can (else null). */
export interface Visibility {
  before: boolean;
  row: Rec | null;
}

const dialect = new PgDialect();

export function audienceOf(resource: AnyResource, actor: Actor, filter: FilterNode | undefined): Audience {
  const condition = and(
    liveCondition(resource),
    rowCondition(resource.access, "list", actor),
    filter ? filterToSql(resource, filter) : undefined,
  );
  const rendered = condition ? dialect.sqlToQuery(condition) : { sql: "true", params: [] };
  return { resource, condition, key: `${resource.name}|${rendered.sql}|${JSON.stringify(rendered.params)}` };
}

/** A record id as the log stores it (text) turned back into the id column's type. */
export function parseRecordId(resource: AnyResource, text: string): string | number {
  const column = resource.info.columns[resource.info.idKey] as PgColumn;
  return valueKind(column) === "integer" || valueKind(column) === "number" ? Number(text) : text;
}

/**
 * One query: the record as the audience may read it now (a left join that comes back empty when the row is gone or
 * outside the condition), and whether the row as it was before the event met the same condition. The before-image is
 * read from the log row itself and cast to the table's row type, aliased as the table, so the rule's SQL (which names
 * the table's columns) applies to it unchanged.
 */
export async function visibility(db: Executor, audience: Audience, seq: number, recordId: string): Promise<Visibility> {
  const { resource } = audience;
  const table = resource.table as PgTable;
  const condition = audience.condition ?? sql`true`;
  const before = sql<boolean>`exists (
    select 1 from ${liveEvents}
    cross join lateral jsonb_populate_record(null::${table}, ${liveEvents.before}) as ${sql.identifier(getTableName(table))}
    where ${liveEvents.seq} = ${seq} and ${liveEvents.before} is not null and (${condition}))`;
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const [result] = await db
    .select({ before, row: selection(resource) })
    .from(sql`(select 1) as "live_probe"`)
    .leftJoin(table, and(eq(idColumn, parseRecordId(resource, recordId)), condition));
  return { before: result?.before === true, row: (result?.row as Rec | null | undefined) ?? null };
}

/**
 * `visibility` for several audiences of one event in a single query (a live event usually concerns many: anonymous
 * readers, each member with their own drafts, editors). The row is read once; each audience's condition is evaluated
 * on it and on the before-image as a pair of booleans. Same answers as `visibility`, one round trip instead of N.
 */
export async function visibilities(
  db: Executor,
  audiences: Audience[],
  seq: number,
  recordId: string,
): Promise<Visibility[]> {
  const first = audiences[0];
  if (!first) return [];
  const { resource } = first;
  const table = resource.table as PgTable;
  const alias = sql.identifier(getTableName(table));
  const flags = audiences.flatMap((audience) => {
    const condition = audience.condition ?? sql`true`;
    return [
      sql`exists (
        select 1 from ${liveEvents}
        cross join lateral jsonb_populate_record(null::${table}, ${liveEvents.before}) as ${alias}
        where ${liveEvents.seq} = ${seq} and ${liveEvents.before} is not null and (${condition}))`,
      // On the left-joined row: null (no row, or outside the condition) counts as not visible.
      sql`coalesce((${condition}), false)`,
    ];
  });
  const idColumn = resource.info.columns[resource.info.idKey] as PgColumn;
  const [result] = await db
    .select({ flags: sql<boolean[]>`array[${sql.join(flags, sql`, `)}]::boolean[]`, row: selection(resource) })
    .from(sql`(select 1) as "live_probe"`)
    .leftJoin(table, eq(idColumn, parseRecordId(resource, recordId)));
  const row = (result?.row as Rec | null | undefined) ?? null;
  const bits = result?.flags ?? [];
  return audiences.map((_, i) => ({ before: bits[2 * i] === true, row: bits[2 * i + 1] === true ? row : null }));
}
