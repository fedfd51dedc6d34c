/**
 * A create as one statement (docs/decisions/027-write-path.md, "One statement"). The row, its audit entry and its
 * live event go in one data-modifying CTE, sent on the pool without BEGIN or COMMIT: PostgreSQL runs a single
 * statement atomically, so the three rows commit together or not at all, in one round trip instead of three.
 *
 * The audit entry's snapshot is built by PostgreSQL from the inserted row, by an expression per column type that
 * writes exactly the JSON the engine's own snapshot (audit.ts) writes for what Drizzle reads back: timestamps as
 * `toISOString()` does, bigints and numerics as their digits. So what the trail records is the stored row, triggers
 * and normalisation included, as on the transaction path; `one-statement-create.test.ts` checks the two agree for
 * every column type.
 *
 * Taken only when nothing else must happen inside a transaction: no before/after hooks (they are given one), no
 * files, no links to check, no `check` on the create rule (it may query), no in-transaction observer that wants the
 * change (a webhook), and not inside a transaction someone else opened. Anything else takes write.ts's path.
 */
import { is, Param, SQL, StringChunk } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { auditActorKind, auditLog, auditOperation, liveEventsQueue } from "@/db/schema";
import { ruleFor } from "./access";
import type { Actor } from "./actor";
import { actorColumns, recordedKeys } from "./audit";
import { observersWant } from "./changes";
import type { Executor } from "./executor";
import { fileFields } from "./files/ledger";
import { liveEventLogging } from "./realtime/log";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

/**
 * Off only in `npm run bench:write` (its "before" side) and the parity test: every create then takes the path they
 * had before, an INSERT and a separate statement for its records (write.ts, recorded-rows.ts), to compare with.
 */
export const oneStatementCreates = { enabled: true };

/**
 * Off only in `npm run bench:write` (its "shaped in a transaction" side): a create with a `shapeCreate` hook then takes
 * a transaction, as one with `beforeCreate` does (docs/decisions/032-hooks-that-only-read.md).
 */
export const shapeWithoutTransaction = { enabled: true };

/** Off only in `npm run bench:write` (its "unprepared" sides): the statement is then sent unprepared (decision 031). */
export const preparedCreates = { enabled: true };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Base types whose text PostgreSQL's to_jsonb writes as JSON exactly as the engine does for Drizzle's value. */
const AS_JSONB = new Set([
  "PgText",
  "PgVarchar",
  "PgChar",
  "PgUUID",
  "PgBoolean",
  "PgInteger",
  "PgSmallInt",
  "PgSerial",
  "PgSmallSerial",
  "PgBigInt53",
  "PgBigSerial53",
  "PgEnumColumn",
  "PgEnumObjectColumn",
  "PgJsonb",
]);

/** Types Drizzle reads back as the driver's text, unchanged (or as digits: bigint and numeric): JSON strings. */
const AS_TEXT = new Set([
  "PgBigInt64",
  "PgBigSerial64",
  "PgNumeric",
  "PgDateString",
  "PgTimestampString",
  "PgTime",
  "PgInterval",
  "PgInet",
  "PgCidr",
  "PgMacaddr",
  "PgMacaddr8",
]);

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The JSON of column `c.<name>` as audit.ts's snapshot writes it, or undefined for a type it has no rule for. */
function snapshotExpression(column: PgColumn): string | undefined {
  const ref = `c.${quote(column.name)}`;
  const kind = column.columnType;
  if (AS_JSONB.has(kind)) return `to_jsonb(${ref})`;
  if (AS_TEXT.has(kind)) return `to_jsonb(${ref}::text)`;
  if (kind === "PgJson") return `${ref}::jsonb`;
  // A float JSON cannot hold (NaN, ±Infinity) is null in JSON.stringify, and a string in to_jsonb.
  if (kind === "PgDoublePrecision" || kind === "PgReal") {
    return `case when ${ref} in ('NaN', 'Infinity', '-Infinity') then 'null'::jsonb else to_jsonb(${ref}) end`;
  }
  // toISOString(): milliseconds, UTC, and the six-digit signed year outside 0000-9999, which no form accepts.
  if (kind === "PgTimestamp") {
    const utc = (column as PgColumn & { withTimezone?: boolean }).withTimezone ? `${ref} at time zone 'UTC'` : ref;
    return `to_jsonb(to_char(${utc}, ${ISO_MS}))`;
  }
  if (kind === "PgDate") return `to_jsonb(to_char(${ref}, 'YYYY-MM-DD') || 'T00:00:00.000Z')`;
  if (kind === "PgArray") {
    const base = (column as PgColumn & { baseColumn?: PgColumn }).baseColumn;
    const simple = ["PgText", "PgVarchar", "PgUUID", "PgBoolean", "PgInteger", "PgSmallInt", "PgEnumColumn"];
    return base && simple.includes(base.columnType) ? `to_jsonb(${ref})` : undefined;
  }
  return undefined;
}

/**
 * Types PostgreSQL ships, whose OIDs are fixed. A prepared statement fixes the types of its parameters and of its
 * result when it is prepared; a type a migration or a restore drops and creates again gets a new OID, and the statement
 * would then fail on every create with "cache lookup failed for type" or "cached plan must not change result type".
 * So a prepared create names only these: an enum goes in and out as text, and anything else is sent unprepared.
 */
const BUILT_IN = new Set([
  ...[...AS_JSONB].filter((kind) => !kind.startsWith("PgEnum")),
  ...AS_TEXT,
  "PgNumericNumber",
  "PgNumericBigInt",
  "PgReal",
  "PgDoublePrecision",
  "PgJson",
  "PgTimestamp",
  "PgDate",
]);

/**
 * How a column's value goes into and out of the statement: as is (a built-in type), through text (an enum: `via` is
 * text or text[], `type` the enum's own), or undefined when its type may be neither (the statement is not prepared).
 */
interface Typing {
  via?: "text" | "text[]";
  type?: string;
}

function typingOf(column: PgColumn): Typing | undefined {
  if (BUILT_IN.has(column.columnType)) return {};
  const base = (column as PgColumn & { baseColumn?: PgColumn }).baseColumn;
  if (column.columnType === "PgArray" && base) {
    const inner = typingOf(base);
    return inner?.type ? { via: "text[]", type: `${inner.type}[]` } : inner;
  }
  const e = (column as PgColumn & { enum?: { enumName: string; schema?: string } }).enum;
  if (!e) return undefined;
  return { via: "text", type: e.schema ? `${quote(e.schema)}.${quote(e.enumName)}` : quote(e.enumName) };
}

/** What a resource's one-statement creates share: built once, on first use. */
interface Plan {
  table: string;
  columns: [string, PgColumn][];
  columnOf: Map<string, PgColumn>;
  recordId: string;
  /** Each column's typing (typingOf), by key. */
  typings: Map<string, Typing | undefined>;
  /** Whether its statements are prepared: every column has a typing. */
  prepares: boolean;
  /** The audit snapshot's columns, as `'key', expression` pairs. */
  snapshot: string[];
  /** Statements by the keys a create sends (and whether it logs an event). */
  statements: Map<string, Statement>;
}

/** A statement's text around its parameters, and which parameter each gap takes (one may appear twice). */
interface Statement {
  parts: string[];
  params: number[];
  /**
   * The text with its placeholders numbered in order, when the statement is one of the resource's cached ones: sent as
   * a prepared statement (decision 031). Parsed and planned once per connection instead of on every create; bounded,
   * since at most MAX_STATEMENTS texts per resource are ever prepared.
   */
  prepared?: string;
}

const plans = new WeakMap<AnyResource, Plan | null>();

function planFor(resource: AnyResource): Plan | null {
  let plan = plans.get(resource);
  if (plan === undefined) {
    plan = buildPlan(resource);
    plans.set(resource, plan);
  }
  return plan;
}

function buildPlan(resource: AnyResource): Plan | null {
  const columns = Object.entries(resource.info.columns);
  const id = resource.info.columns[resource.info.idKey];
  // String(id) on the transaction path: the same text as ::text only for these.
  const idTypes = ["PgUUID", "PgText", "PgVarchar", "PgInteger", "PgSerial", "PgBigInt53", "PgBigSerial53"];
  if (!id || !idTypes.includes(id.columnType)) return null;
  const snapshot: string[] = [];
  const links = new Set(resource.info.linkKeys);
  for (const key of recordedKeys(resource)) {
    if (links.has(key)) continue;
    const column = resource.info.columns[key];
    const expression = column && snapshotExpression(column);
    if (!expression) return null;
    snapshot.push(`'${key.replaceAll("'", "''")}', ${expression}`);
  }
  const config = getTableConfig(resource.table as PgTable);
  const table = config.schema ? `${quote(config.schema)}.${quote(config.name)}` : quote(config.name);
  const typings = new Map(columns.map(([key, column]) => [key, typingOf(column)]));
  return {
    table,
    columns,
    columnOf: new Map(columns),
    recordId: `c.${quote(id.name)}::text`,
    typings,
    prepares: [...typings.values()].every((typing) => typing !== undefined),
    snapshot,
    statements: new Map(),
  };
}

/** At most this many statement texts per resource: one per set of keys creates send, which forms keep few. */
const MAX_STATEMENTS = 64;

function statementFor(plan: Plan, keys: string[], emptyLinks: string[], event: boolean): Statement {
  const cacheKey = `${keys.join(",")}|${emptyLinks.join(",")}|${event}`;
  const cached = plan.statements.get(cacheKey);
  if (cached) return cached;
  const n = keys.length;
  const names = keys.map((k) => quote(plan.columnOf.get(k)?.name ?? k));
  const values = keys.map((key, i) => {
    const typing = plan.typings.get(key);
    return typing?.via ? `$${i + 1}::${typing.via}::${typing.type}` : `$${i + 1}`;
  });
  // jsonb_build_object takes at most 100 arguments: 50 pairs per call, joined.
  const pairs = [...plan.snapshot, ...emptyLinks.map((k) => `'${k.replaceAll("'", "''")}', '[]'::jsonb`)];
  const objects: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) objects.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(", ")})`);
  const after = objects.length > 0 ? objects.join(" || ") : `'{}'::jsonb`;
  const a = auditLog;
  const audit = [
    a.actorKind,
    a.actorId,
    a.tokenId,
    a.actorLabel,
    a.operation,
    a.resource,
    a.recordId,
    a.after,
    a.requestId,
  ]
    .map((c) => quote(c.name))
    .join(", ");
  const p = (i: number) => `$${n + i}`;
  const e = liveEventsQueue;
  const text = [
    `with c as (insert into ${plan.table} (${names.join(", ")}) values (${values.join(", ")}) returning *),`,
    `a as (insert into ${quote(getTableConfig(auditLog).name)} (${audit})`,
    `  select ${p(1)}::text::${quote(auditActorKind.enumName)}, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}::text,`,
    `  'create'::${quote(auditOperation.enumName)}, ${p(5)}::text, ${plan.recordId}, ${after}, ${p(6)}::text from c)`,
    event
      ? `, e as (insert into ${quote(getTableConfig(liveEventsQueue).name)} (${[e.resource, e.recordId, e.operation].map((c) => quote(c.name)).join(", ")})
  select ${p(5)}::text, ${plan.recordId}, 'create'::${quote(auditOperation.enumName)} from c)`
      : "",
    // The columns by name, not `*`, and enums as text: a prepared statement whose result gains a column (a migration
    // adding one while the app runs) or changes a column's type fails with "cached plan must not change result type",
    // which inside a transaction cannot be retried.
    `select ${plan.columns
      .map(([key, column]) => {
        const via = plan.typings.get(key)?.via;
        return via ? `${quote(column.name)}::${via} as ${quote(column.name)}` : quote(column.name);
      })
      .join(", ")} from c`,
  ].join("\n");
  const split = text.split(/\$(\d+)/);
  const built: Statement = {
    parts: split.filter((_, i) => i % 2 === 0),
    params: split.filter((_, i) => i % 2 === 1).map((n) => Number(n) - 1),
  };
  if (plan.statements.size < MAX_STATEMENTS) {
    if (plan.prepares)
      built.prepared = built.parts.reduce((sql, part, i) => (i === 0 ? part : `${sql}$${i}${part}`), "");
    plan.statements.set(cacheKey, built);
  }
  return built;
}

/** The statement with its values, as Drizzle runs it (its logger and the query timing see it like any other). */
function withValues(statement: Statement, values: unknown[]): SQL {
  const chunks: (StringChunk | Param)[] = [];
  statement.parts.forEach((part, i) => {
    chunks.push(new StringChunk(part));
    if (i < statement.params.length) chunks.push(new Param(values[statement.params[i] as number]));
  });
  return new SQL(chunks);
}

/** Drizzle's own rule (Column.shouldDisableInsert): generated columns, and identities "always", take no value. */
const insertDisabled = (column: PgColumn) => column.generated !== undefined && column.generated.type !== "byDefault";

export interface OneStatementInput {
  /** The pool (no transaction: the statement is one), or the write's transaction. */
  db: Executor;
  resource: AnyResource;
  /** The row to insert: write rules checked, server defaults and timestamps applied. */
  row: Rec;
  /** Link lists the create sent: only empty ones allow this path. */
  links: [string, unknown[]][];
  actor: Actor;
  requestId: string | undefined;
}

/**
 * The row `row` becomes in one statement, with what Drizzle's insert fills in itself ($defaultFn, and $onUpdate on a
 * column without a default); undefined when a column's type or a value written as SQL rules the statement out.
 * Inside a transaction (write.ts), this is all it takes: the statement then stands for the insert and its records.
 */
export function statementRow(resource: AnyResource, row: Rec): Rec | undefined {
  const plan = oneStatementCreates.enabled ? planFor(resource) : null;
  if (!plan) return undefined;
  const out: Rec = { ...row };
  for (const [key, column] of plan.columns) {
    if (out[key] !== undefined) continue;
    if (column.defaultFn) out[key] = column.defaultFn();
    else if (!column.default && column.onUpdateFn) out[key] = column.onUpdateFn();
  }
  // A value written as SQL (a default function's) is Drizzle's to inline: the usual insert handles it.
  return Object.values(out).some((value) => is(value, SQL)) ? undefined : out;
}

/**
 * Whether a create may go as one statement on the pool, with no transaction at all: not when it needs one (hooks
 * other than `shapeCreate`, which only reads, and files are given one, links are checked in one, a `check` may query,
 * a webhook may want it), nor inside someone else's. Asked before the row is prepared, so a create that needs a transaction prepares it once, on its own path.
 */
export function mayCreateWithoutTransaction(
  db: Executor,
  resource: AnyResource,
  links: [string, unknown[]][],
  rulesActorKind: Actor["kind"],
): boolean {
  if ("rollback" in db || !oneStatementCreates.enabled || !planFor(resource)) return false;
  const hooks = resource.hooks;
  if (hooks?.beforeCreate || hooks?.afterCreate || fileFields(resource).length > 0) return false;
  if (hooks?.shapeCreate && !shapeWithoutTransaction.enabled) return false;
  if (links.some(([, ids]) => ids.length > 0)) return false;
  if (rulesActorKind !== "system" && ruleFor(resource.access, "create").check) return false;
  return !observersWant(resource.name, "create");
}

/** Runs the create of `row` (from statementRow); returns the inserted row as Drizzle reads it. */
export async function createInOneStatement(input: OneStatementInput, row: Rec): Promise<Rec> {
  const plan = planFor(input.resource) as Plan;
  const keys = plan.columns
    .filter(([key, column]) => row[key] !== undefined && !insertDisabled(column))
    .map(([key]) => key);
  const params: unknown[] = keys.map((key) => {
    const value = row[key];
    return value === null ? null : (plan.columnOf.get(key) as PgColumn).mapToDriverValue(value);
  });
  const actor = actorColumns(input.actor);
  params.push(
    actor.actorKind,
    actor.actorId,
    actor.tokenId,
    actor.actorLabel,
    input.resource.name,
    input.requestId ?? null,
  );
  const emptyLinks = input.links.map(([name]) => name);
  const statement = statementFor(plan, keys, emptyLinks, liveEventLogging.enabled);
  const [raw] = (statement.prepared === undefined || !preparedCreates.enabled
    ? await input.db.execute(withValues(statement, params))
    : // Drizzle prepares a query given a name (postgres.js then names it by its text, once per connection); its
      // logger and the query timing see it like any other.
      await input.db._.session
        .prepareQuery(
          { sql: statement.prepared, params: statement.params.map((i) => params[i]) },
          undefined,
          "one-statement-create",
          false,
        )
        .execute()) as unknown as Rec[];
  const created: Rec = {};
  for (const [key, column] of plan.columns) {
    const value = raw?.[column.name];
    created[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return created;
}
