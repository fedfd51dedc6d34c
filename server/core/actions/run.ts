/**
 * Running an action: one transaction holding the locked records, the rule's check, the audit entry of the run, what
 * `run` writes (through the engine's write path, as savepoints, so each change has its own audit entry and live
 * event) and the jobs it enqueues. All of it commits or none of it; changes are announced once it has committed.
 * A batch (`<name>Many`) runs the action on each record in turn, in the same transaction: all of them or none.
 */
import { TRPCError } from "@trpc/server";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { denied, rowCondition } from "../access";
import { type Actor, userOf } from "../actor";
import { transactionWithAfterCommit } from "../after-commit";
import { mapDatabaseError } from "../db-errors";
import { FieldError } from "../errors";
import type { Executor, Transaction } from "../executor";
import type { Registry } from "../expand";
import { enqueue } from "../jobs/enqueue";
import type { AnyResource } from "../resource";
import { deleteRecord, type RowScope, updateRecord, type Writer } from "../write";
import { recordActionRun } from "./audit";
import type { ActionEnqueue, AnyAction, RecordActionContext } from "./define";
import { lockActionRecords } from "./lock";
import { authorizeAction, checkAction, ruleOf } from "./rule";

type Rec = Record<string, unknown>;

/** Who runs the action, on which database handle (the pool, or a keyed mutation's transaction). */
export interface ActionCall {
  db: Database;
  actor: Actor;
  requestId?: string;
  registry: Registry;
}

/** The writes an action makes carry its authority: the rows are the ones it locked, so no rule narrows them. */
const ALL_ROWS: RowScope = { visible: undefined, allowed: undefined };

/**
 * A transaction handle has the pool's query API (what the write path uses) but for the raw client, which only live
 * listeners touch; the engine's writes then open savepoints on it.
 */
function asDatabase(tx: Transaction): Database {
  return tx as unknown as Database;
}

function boundEnqueue(tx: Executor): ActionEnqueue {
  return (job, input, options) => enqueue(job, input, { ...options, tx });
}

/** What `run` throws, as the client should see it: a refused value is a 4xx naming the field, never a 500. */
function clientError(error: unknown, resource: AnyResource): unknown {
  if (error instanceof TRPCError) return error;
  const mapped = mapDatabaseError(error, resource, "write");
  if (mapped) return mapped;
  if (error instanceof FieldError) return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  return error;
}

async function inTransaction<T>(call: ActionCall, resource: AnyResource, work: (tx: Transaction) => Promise<T>) {
  try {
    return await transactionWithAfterCommit(call.db, work);
  } catch (error) {
    throw clientError(error, resource);
  }
}

function finish(action: AnyAction, value: unknown): unknown {
  return action.output ? action.output.parse(value) : value;
}

/** Runs a record action on each of `ids` (one, or a batch), in one transaction; the results in the same order. */
export async function runRecordAction(
  call: ActionCall,
  resource: AnyResource,
  name: string,
  ids: readonly unknown[],
  input: unknown,
): Promise<unknown[]> {
  const action = (resource.actionDefinitions as Record<string, AnyAction>)[name] as AnyAction;
  const { actor, requestId, registry } = call;
  // The rule first: a caller it refuses outright is refused before any record is read.
  const allowed = authorizeAction(resource.name, name, action, actor);
  const visible = rowCondition(resource.access, "get", actor);
  return inTransaction(call, resource, async (tx) => {
    const rows = await lockActionRecords(tx, resource, ids, { visible, allowed }, () =>
      denied(resource.name, name, ruleOf(action), actor),
    );
    const writer: Writer = {
      db: asDatabase(tx),
      actor,
      requestId,
      registry,
      authorizedBy: `action ${resource.name}.${name}`,
    };
    const results: unknown[] = [];
    for (const record of rows) {
      const id = record[resource.info.idKey];
      await checkAction(resource.name, name, action, actor, { record, input, tx });
      await recordActionRun(tx, { resource, name, action, id, input, actor, requestId });
      const context: RecordActionContext<PgTable, unknown, unknown> = {
        record: record as never,
        input,
        tx,
        actor,
        user: userOf(actor),
        enqueue: boundEnqueue(tx),
        update: (patch) => updateRecord(writer, resource, id, patch as Rec, ALL_ROWS),
        delete: async () => {
          await deleteRecord(writer, resource, id, ALL_ROWS);
        },
      };
      results.push(finish(action, await action.run(context)));
    }
    return results;
  });
}

/** Runs a resource-wide action (one that acts on no record) in its transaction. */
export async function runResourceAction(
  call: ActionCall,
  resource: AnyResource,
  name: string,
  input: unknown,
): Promise<unknown> {
  const action = (resource.actionDefinitions as Record<string, AnyAction>)[name] as AnyAction;
  const { actor, requestId } = call;
  authorizeAction(resource.name, name, action, actor);
  return inTransaction(call, resource, async (tx) => {
    await checkAction(resource.name, name, action, actor, { input, tx });
    await recordActionRun(tx, { resource, name, action, id: undefined, input, actor, requestId });
    // A resource-wide `run` is typed without `record`, `update` and `delete`; the engine's loose view has them.
    const context = { input, tx, actor, user: userOf(actor), enqueue: boundEnqueue(tx) };
    return finish(action, await action.run(context as never));
  });
}
