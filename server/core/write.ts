/**
 * Every write the engine makes. Each call is one transaction:
 *   field write rules -> server defaults -> before-hook -> the rule's check -> the write -> after-hook -> audit entry
 * all commit together or not at all; only then are the changes announced (afterCommit hooks, live listeners).
 * Constraint violations come back as field errors, never as a 500.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, getTableColumns, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { denied, type Operation, rowCondition, ruleFor, runCheck } from "./access";
import { type Actor, userOf } from "./actor";
import { afterCommit, rootDatabase } from "./after-commit";
import { announce, type Change, observeRecorded, observersWant, type RecordChangeOperation } from "./changes";
import { mapDatabaseError } from "./db-errors";
import { FieldError, humanizeKey } from "./errors";
import { type Executor, readerOf, type Transaction } from "./executor";
import { type Registry, selection, stripUnreadable } from "./expand";
import { applyDefaults, checkFieldWrites } from "./field-access";
import { applyFilePlans, type FilePlan, releaseRecordFiles, resolveFileInputs } from "./files/ledger";
import { deleteReleasedFiles } from "./files/sweep";
import {
  createInOneStatement,
  mayCreateWithoutTransaction,
  type OneStatementInput,
  statementRow,
} from "./one-statement-create";
import { liveCondition, notFound } from "./read";
import { wakeLiveSequencer } from "./realtime/sequencer";
import { type Recorded, recordedRowsStatement } from "./recorded-rows";
import type { ManyToMany } from "./relations";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

/** Who writes, and the request the write belongs to (recorded in the audit trail). */
export interface Writer {
  db: Database;
  actor: Actor;
  requestId?: string;
  /** Resolves relation targets (for writable many-to-many links). */
  registry: Registry;
  /**
   * Set when a custom action makes the write (server/core/actions): the action's own rule has decided, so the
   * operation's `check`, the field write rules and link-target rules are not asked again. The audit still names
   * `actor`, and hooks, defaults and read rules still see them.
   */
  authorizedBy?: string;
}

/** Whom the rules of a write are asked about: the caller, or for an action's write, no one they could refuse. */
function rulesActor(w: Writer): Actor {
  return w.authorizedBy ? { kind: "system", reason: w.authorizedBy } : w.actor;
}

/**
 * Which existing rows a caller may change: `visible` (the `get` rule: others are NOT_FOUND, so existence does not
 * leak) and `allowed` (the operation's own rule: a visible row outside it is refused by that rule's name).
 */
export interface RowScope {
  visible: SQL | undefined;
  allowed: SQL | undefined;
}

/** One write call in progress: its transaction and the changes it will announce after COMMIT. */
interface Run {
  tx: Transaction;
  w: Writer;
  resource: AnyResource;
  changes: Change[];
  /** Audit entries and live events still to write: all in one statement, at the end (recorded-rows.ts). */
  recorded: Recorded[];
  /** Files let go of for good (purge, hard delete): deleted from storage once the transaction commits. */
  released: string[];
  /**
   * Set for a write whose last statement may go out with the COMMIT (a single create): `answer` is then read once
   * the transaction has committed, and replaces what the work returned.
   */
  last?: { answer?: Promise<unknown> };
}

/** Prefixes field-error paths (for batch items: `items.3.title`). */
function prefixed(error: unknown, prefix: string | undefined): unknown {
  if (!prefix || !(error instanceof TRPCError) || !(error.cause instanceof FieldError)) return error;
  const fields = Object.fromEntries(Object.entries(error.cause.fieldErrors).map(([k, v]) => [`${prefix}.${k}`, v]));
  return new TRPCError({ code: error.code, message: error.message, cause: new FieldError(error.message, fields) });
}

async function transaction<T>(
  w: Writer,
  resource: AnyResource,
  op: "delete" | "write",
  work: (run: Run) => Promise<T>,
  lastMayGoWithCommit = false,
): Promise<T> {
  const changes: Change[] = [];
  const released: string[] = [];
  // Inside a transaction someone else opened (a keyed mutation, an action), this one is a savepoint.
  const nested = "rollback" in w.db;
  let withCommit: Promise<unknown> | undefined;
  const last: Run["last"] = lastMayGoWithCommit && !nested ? {} : undefined;
  let result: T;
  try {
    result = await w.db.transaction(async (tx) => {
      const recorded: Recorded[] = [];
      const out = await work({ tx, w, resource, changes, recorded, released, last });
      const statement = recordedRowsStatement(tx, recorded);
      if (statement && nested) await tx.execute(statement);
      else if (statement) {
        // Sent now and not waited for: postgres.js sends the COMMIT right behind it, in the same write. If it fails,
        // PostgreSQL answers that COMMIT with a ROLLBACK, and its error (awaited below) is the write's.
        withCommit = tx.execute(statement).then(() => undefined);
        withCommit.catch(() => {});
      }
      return out;
    });
    await withCommit;
    if (last?.answer) result = (await last.answer) as T;
  } catch (error) {
    throw mapDatabaseError(error, resource, op) ?? error;
  }
  await committed(w, resource, changes, released);
  return result;
}

/** What follows a write's COMMIT: the sequencer's wake-up, the announcement, deleting released files. */
async function committed(w: Writer, resource: AnyResource, changes: Change[], released: string[] = []) {
  const hook = resource.hooks?.afterCommit as ((change: Change) => Promise<void>) | undefined;
  // Inside a keyed mutation this transaction is a savepoint: announce once the outer one has committed.
  if (changes.length > 0) await afterCommit(w.db, async () => wakeLiveSequencer(rootDatabase(w.db)));
  await afterCommit(w.db, () => announce(changes, hook));
  if (released.length > 0) {
    const db = rootDatabase(w.db);
    await afterCommit(w.db, () => deleteReleasedFiles(db, released));
  }
}

function hookArgs(run: Run) {
  return { tx: run.tx, actor: run.w.actor, user: userOf(run.w.actor) };
}

/**
 * Notes a change for its audit entry and live event (written at the end of the write's transaction, so both commit or
 * vanish with it), tells the in-transaction observers, and queues it for announcement after COMMIT.
 */
async function record(run: Run, operation: RecordChangeOperation, id: unknown, before: Rec | null, after: Rec | null) {
  const change = changeOf(run.w, run.resource, operation, id, before, after);
  run.recorded.push({ resource: run.resource, change });
  await observeRecorded(run.tx, change);
  run.changes.push(change);
}

function changeOf(
  w: Writer,
  resource: AnyResource,
  operation: RecordChangeOperation,
  id: unknown,
  before: Rec | null,
  after: Rec | null,
): Change {
  return { operation, resource: resource.name, id: String(id), before, after, actor: w.actor, requestId: w.requestId };
}

/** The record as this caller may read it. */
function readable(run: Run, row: Rec): Rec {
  return readableBy(run.resource, run.w.actor, row);
}

function readableBy(resource: AnyResource, actor: Actor, row: Rec): Rec {
  const keys = Object.keys(selection(resource));
  const out = Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, row[k]]));
  stripUnreadable(resource, [out], actor);
  return out;
}

/** The engine keeps the timestamps; a resource that lets createdAt be written (imports) keeps the given value. */
function withCreateTimestamps(resource: AnyResource, row: Rec): Rec {
  const now = new Date();
  let out = row;
  if (resource.info.columns.createdAt && out.createdAt === undefined) out = { ...out, createdAt: now };
  if (resource.info.columns.updatedAt) out = { ...out, updatedAt: now };
  return out;
}

/** Splits writable link lists (`tags: [ids]`) off the column data. */
function splitLinks(resource: AnyResource, input: Rec): { data: Rec; links: [string, unknown[]][] } {
  const data = { ...input };
  const links: [string, unknown[]][] = [];
  for (const name of resource.info.linkKeys) {
    if (!(name in data)) continue;
    links.push([name, [...new Set((data[name] as unknown[] | undefined) ?? [])]]);
    delete data[name];
  }
  return { data, links };
}

/**
 * Replaces the links of record `id`, after checking that every target exists and is readable by the writer (a link
 * to something you cannot see would reveal that it exists). Returns the sorted id lists before and after.
 */
async function setLinks(run: Run, id: unknown, links: [string, unknown[]][]) {
  const before: Rec = {};
  const after: Rec = {};
  for (const [name, ids] of links) {
    const rel = run.resource.relations?.[name] as ManyToMany;
    const target = run.w.registry[rel.target] as AnyResource;
    const through = getTableColumns(rel.through);
    const source = through[rel.sourceKey] as PgColumn;
    const targetKey = through[rel.targetKey] as PgColumn;
    if (ids.length > 0) {
      const found = await run.tx
        .select({ id: idOf(target) })
        .from(target.table as PgTable)
        .where(
          and(
            inArray(idOf(target), ids),
            liveCondition(target),
            rowCondition(target.access, "list", rulesActor(run.w)),
          ),
        );
      if (found.length !== ids.length) {
        const message = `${humanizeKey(name)}: some of these records do not exist`;
        throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, { [name]: [message] }) });
      }
    }
    const old = await run.tx.select({ id: targetKey }).from(rel.through).where(eq(source, id));
    await run.tx.delete(rel.through).where(eq(source, id));
    if (ids.length > 0) {
      await run.tx.insert(rel.through).values(ids.map((t) => ({ [rel.sourceKey]: id, [rel.targetKey]: t })));
    }
    before[name] = old.map((r) => String(r.id)).sort();
    after[name] = ids.map(String).sort();
  }
  return { before, after };
}

function idOf(resource: AnyResource) {
  return resource.info.columns[resource.info.idKey] as PgColumn;
}

async function insertOne(run: Run, input: Rec, prefix?: string): Promise<Rec> {
  const { resource, w, tx } = run;
  try {
    const { data: columns, links } = splitLinks(resource, input);
    checkFieldWrites(resource, columns, rulesActor(w), undefined);
    const withFiles = await resolveFileInputs(tx, resource, w.actor, applyDefaults(resource, columns, w.actor), null);
    const data = await shaped(resource, withFiles.data, tx, w.actor);
    const prepared = resource.hooks?.beforeCreate
      ? await resource.hooks.beforeCreate({ data, ...hookArgs(run) })
      : data;
    await runCheck(resource.access, "create", rulesActor(w), resource.name, { next: prepared, tx });
    return await insertPrepared(run, withCreateTimestamps(resource, prepared), links, withFiles.plans);
  } catch (error) {
    throw prefixed(mapDatabaseError(error, resource, "write") ?? error, prefix);
  }
}

/** A create's data as its `shapeCreate` hook returns it, given `db` to read. */
async function shaped(resource: AnyResource, data: Rec, db: Executor, actor: Actor): Promise<Rec> {
  const shape = resource.hooks?.shapeCreate;
  return shape ? await shape({ data, db: readerOf(db), actor, user: userOf(actor) }) : data;
}

/**
 * Inserts a create's row (its writes checked, its hooks run, its timestamps set), sets its links, attaches its files
 * and records it. Without links to set or files to attach, the row and its records go in one statement
 * (one-statement-create.ts).
 */
async function insertPrepared(run: Run, prepared: Rec, links: [string, unknown[]][], plans: FilePlan[]): Promise<Rec> {
  const { resource, tx } = run;
  const filled =
    links.every(([, ids]) => ids.length === 0) && plans.length === 0 ? statementRow(resource, prepared) : undefined;
  if (filled) return await insertWithRecords(run, filled, links);
  const [row] = (await tx
    .insert(resource.table as PgTable)
    .values(prepared)
    .returning()) as Rec[];
  const created = row as Rec;
  const linked = await setLinks(run, created[resource.info.idKey], links);
  await applyFilePlans(tx, resource, created[resource.info.idKey], plans);
  await resource.hooks?.afterCreate?.({ record: created, ...hookArgs(run) });
  await record(run, "create", created[resource.info.idKey], null, { ...created, ...linked.after });
  return readable(run, created);
}

/**
 * Inserts `row` with its audit entry and live event in one statement, on the write's transaction. When nothing else
 * is left to do in it (a single create, no after-hook, no observer that wants the change), the statement is sent and
 * not waited for: the COMMIT goes right behind it, and its answer is read once the transaction is over.
 */
async function insertWithRecords(run: Run, row: Rec, links: [string, unknown[]][]): Promise<Rec> {
  const { resource, w, tx } = run;
  const input: OneStatementInput = {
    db: tx,
    resource,
    row,
    links,
    actor: w.actor,
    requestId: w.requestId,
  };
  const emptyLinks = emptyLinkLists(links);
  const done = (created: Rec) => {
    const change = changeOf(w, resource, "create", created[resource.info.idKey], null, { ...created, ...emptyLinks });
    run.changes.push(change);
    return change;
  };
  if (run.last && !resource.hooks?.afterCreate && !observersWant(resource.name, "create")) {
    const answer = createInOneStatement(input, row).then((created) => {
      done(created);
      return readable(run, created);
    });
    answer.catch(() => {});
    run.last.answer = answer;
    return {};
  }
  const created = await createInOneStatement(input, row);
  await resource.hooks?.afterCreate?.({ record: created, ...hookArgs(run) });
  await observeRecorded(tx, done(created));
  return readable(run, created);
}

/**
 * Locks the row the caller may see and tells whether the operation's rule covers it, in one query: hooks, the
 * rule's `check` and the audit then see exactly the values this write replaces. `state` picks live rows or, for
 * restore and purge, soft-deleted ones.
 */
async function lockRow(run: Run, id: unknown, scope: RowScope, op: Operation, state: "live" | "deleted" = "live") {
  const { resource, tx } = run;
  const table = resource.table as PgTable;
  const deletedColumn = resource.softDelete ? (resource.info.columns[resource.softDelete] as PgColumn) : undefined;
  const stateCondition =
    state === "live" ? liveCondition(resource) : deletedColumn ? isNotNull(deletedColumn) : sql`false`;
  const rows = await tx
    .select({
      row: getTableColumns(table),
      allowed: scope.allowed ? sql<boolean>`(${scope.allowed})` : sql<boolean>`true`,
    })
    .from(table)
    .where(and(eq(idOf(resource), id), stateCondition, scope.visible))
    .for("update");
  const found = rows[0];
  if (!found) throw notFound(resource, id);
  if (!found.allowed) throw denied(resource.name, op, ruleFor(resource.access, op), run.w.actor);
  return found.row as Rec;
}

/** Applies a patch to a locked row: before-hook, the rule's check, the write, after-hook, audit. */
async function applyUpdate(
  run: Run,
  old: Rec,
  data: Rec,
  operation: "update" | "revert",
  links: [string, unknown[]][] = [],
  filePlans: FilePlan[] = [],
): Promise<Rec> {
  const { resource, w, tx } = run;
  let patch = resource.hooks?.beforeUpdate ? await resource.hooks.beforeUpdate({ data, old, ...hookArgs(run) }) : data;
  await runCheck(resource.access, operation === "update" ? "update" : "revert", rulesActor(w), resource.name, {
    old,
    next: { ...old, ...patch },
    tx,
  });
  // A key sent as undefined (superjson carries it) sets nothing; left in, it would make an empty SET.
  patch = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (resource.info.columns.updatedAt) patch = { ...patch, updatedAt: new Date() };
  const id = old[resource.info.idKey];
  // A patch that only relinks (e.g. tags) on a table without updatedAt leaves the row itself alone.
  const [row] =
    Object.keys(patch).length > 0
      ? ((await tx
          .update(resource.table as PgTable)
          .set(patch)
          .where(eq(idOf(resource), id))
          .returning()) as Rec[])
      : [old];
  const updated = row as Rec;
  const linked = await setLinks(run, id, links);
  await applyFilePlans(tx, resource, id, filePlans);
  await resource.hooks?.afterUpdate?.({ record: updated, old, ...hookArgs(run) });
  await record(run, operation, id, { ...old, ...linked.before }, { ...updated, ...linked.after });
  return readable(run, updated);
}

async function updateOne(run: Run, id: unknown, input: Rec, scope: RowScope): Promise<Rec> {
  const old = await lockRow(run, id, scope, "update");
  const { data, links } = splitLinks(run.resource, input);
  checkFieldWrites(run.resource, data, rulesActor(run.w), old);
  const withFiles = await resolveFileInputs(run.tx, run.resource, run.w.actor, data, old);
  return applyUpdate(run, old, withFiles.data, "update", links, withFiles.plans);
}

async function deleteOne(run: Run, id: unknown, scope: RowScope) {
  const { resource, tx } = run;
  const old = await lockRow(run, id, scope, "delete");
  await runCheck(resource.access, "delete", rulesActor(run.w), resource.name, { old, tx });
  await resource.hooks?.beforeDelete?.({ old, ...hookArgs(run) });
  let after: Rec | null = null;
  if (resource.softDelete) {
    const [row] = (await tx
      .update(resource.table as PgTable)
      .set({ [resource.softDelete]: new Date() })
      .where(eq(idOf(resource), id))
      .returning()) as Rec[];
    after = row ?? null;
  } else {
    await tx.delete(resource.table as PgTable).where(eq(idOf(resource), id));
    run.released.push(...(await releaseRecordFiles(tx, resource, id)));
  }
  await resource.hooks?.afterDelete?.({ old, ...hookArgs(run) });
  // A soft delete is recorded with the full row before and the deletion time after, so history shows both.
  await record(run, "delete", id, old, after);
  return { id };
}

async function restoreOne(run: Run, id: unknown, scope: RowScope): Promise<Rec> {
  const { resource, tx } = run;
  const old = await lockRow(run, id, scope, "restore", "deleted");
  await runCheck(resource.access, "restore", rulesActor(run.w), resource.name, { old, tx });
  const [row] = (await tx
    .update(resource.table as PgTable)
    .set({ [resource.softDelete as string]: null })
    .where(eq(idOf(resource), id))
    .returning()) as Rec[];
  const restored = row as Rec;
  await record(run, "restore", id, old, restored);
  return readable(run, restored);
}

async function purgeOne(run: Run, id: unknown, scope: RowScope) {
  const { resource, tx } = run;
  const old = await lockRow(run, id, scope, "purge", resource.softDelete ? "deleted" : "live");
  await runCheck(resource.access, "purge", rulesActor(run.w), resource.name, { old, tx });
  await tx.delete(resource.table as PgTable).where(eq(idOf(resource), id));
  run.released.push(...(await releaseRecordFiles(tx, resource, id)));
  await record(run, "purge", id, old, null);
  return { id };
}

export const createRecord = async (w: Writer, resource: AnyResource, data: Rec) =>
  (await createInOneGo(w, resource, data)) ?? transaction(w, resource, "write", (run) => insertOne(run, data), true);

/**
 * A create that needs no transaction, as one statement with its audit entry and live event (one-statement-create.ts),
 * or undefined when it needs one (hooks, files, links, a `check`, a webhook that wants it...): write.ts's path then.
 */
async function createInOneGo(w: Writer, resource: AnyResource, input: Rec): Promise<Rec | undefined> {
  const { data: columns, links } = splitLinks(resource, input);
  const actor = rulesActor(w);
  if (!mayCreateWithoutTransaction(w.db, resource, links, actor.kind)) return undefined;
  checkFieldWrites(resource, columns, actor, undefined);
  const data = await shaped(resource, applyDefaults(resource, columns, w.actor), w.db, w.actor);
  const prepared = withCreateTimestamps(resource, data);
  const row = statementRow(resource, prepared);
  // A value written as SQL (the hook's, a default function's) takes the usual insert, in a transaction, shaped once.
  if (!row) return transaction(w, resource, "write", (run) => insertPrepared(run, prepared, links, []), true);
  const one: OneStatementInput = { db: w.db, resource, row, links, actor: w.actor, requestId: w.requestId };
  let created: Rec;
  try {
    created = await createInOneStatement(one, row);
  } catch (error) {
    throw mapDatabaseError(error, resource, "write") ?? error;
  }
  const after = { ...created, ...emptyLinkLists(links) };
  await committed(w, resource, [changeOf(w, resource, "create", created[resource.info.idKey], null, after)]);
  return readableBy(resource, w.actor, created);
}

/** The link lists of a create that sent only empty ones, as its change records them (`tags: []`). */
function emptyLinkLists(links: [string, unknown[]][]): Rec {
  return Object.fromEntries(links.map(([name]) => [name, []]));
}

export const createRecords = (w: Writer, resource: AnyResource, items: Rec[]) =>
  transaction(w, resource, "write", async (run) => {
    const out: Rec[] = [];
    // One by one inside the transaction, so a violation names its item (`items.3.slug`) and nothing is kept.
    for (const [i, item] of items.entries()) out.push(await insertOne(run, item, `items.${i}`));
    return out;
  });

export const updateRecord = (w: Writer, resource: AnyResource, id: unknown, data: Rec, scope: RowScope) =>
  transaction(w, resource, "write", (run) => updateOne(run, id, data, scope));

export const updateRecords = (w: Writer, resource: AnyResource, ids: unknown[], data: Rec, scope: RowScope) =>
  transaction(w, resource, "write", async (run) => {
    const out: Rec[] = [];
    for (const id of ids) out.push(await updateOne(run, id, data, scope));
    return out;
  });

export const deleteRecord = (w: Writer, resource: AnyResource, id: unknown, scope: RowScope) =>
  transaction(w, resource, "delete", (run) => deleteOne(run, id, scope));

export const deleteRecords = (w: Writer, resource: AnyResource, ids: unknown[], scope: RowScope) =>
  transaction(w, resource, "delete", async (run) => {
    for (const id of ids) await deleteOne(run, id, scope);
    return { ids };
  });

export const restoreRecords = (w: Writer, resource: AnyResource, ids: unknown[], scope: RowScope) =>
  transaction(w, resource, "write", async (run) => {
    const out: Rec[] = [];
    for (const id of ids) out.push(await restoreOne(run, id, scope));
    return out;
  });

export const purgeRecord = (w: Writer, resource: AnyResource, id: unknown, scope: RowScope) =>
  transaction(w, resource, "delete", (run) => purgeOne(run, id, scope));

/**
 * Sets a locked row back to `values` (a version from its history) through the update path, audited as revert. Link
 * lists in the version (a post's tags) are replaced as an update replaces them, with the same target checks.
 */
export const revertRecord = (
  w: Writer,
  resource: AnyResource,
  id: unknown,
  scope: RowScope,
  versionOf: (tx: Transaction, current: Rec) => Promise<Rec>,
) =>
  transaction(w, resource, "write", async (run) => {
    const old = await lockRow(run, id, scope, "revert");
    const { data, links } = splitLinks(resource, await versionOf(run.tx, old));
    // A version's files come back while they still exist (detached files wait out their grace before deletion).
    const withFiles = await resolveFileInputs(run.tx, resource, w.actor, data, old, "revert");
    return applyUpdate(run, old, withFiles.data, "revert", links, withFiles.plans);
  });
