/**
 * Runs a planned batch (batch-plan.ts) in ONE transaction (transactionWithAfterCommit): every request through the
 * procedure the REST API would run, on a caller whose context holds the transaction, so the engine's own writes are
 * savepoints in it and rules, hooks, audit entries, live events and webhook outbox rows apply as on every path, while
 * what they announce (live events, afterCommit hooks, jobs) waits for the batch's commit. The first request that
 * fails rolls everything back and is PocketBase's batch failure, naming its index; the transaction is bounded in
 * time (a statement_timeout and a deadline checked between requests), as PocketBase bounds its own.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { ActorResolution } from "@/server/auth/actor";
import { transactionWithAfterCommit } from "@/server/core/after-commit";
import type { Transaction } from "@/server/core/executor";
import type { AnyResource } from "@/server/core/resource";
import type { JsonValue } from "@/server/core/rest/json-codecs";
import { REST_PREFIX } from "@/server/http/rest/handler";
import { createCaller } from "@/server/router";
import { createContext } from "@/server/trpc";
import { BatchAbort, type Procedures, type RestAnswer, runRestCall } from "./batch-call";
import type { PlannedRequest } from "./batch-plan";
import { PocketBaseRefusal } from "./errors";
import { type RecordsCall, readBackTarget, recordsAnswer } from "./records";

type Registry = Record<string, AnyResource>;

/** PocketBase's answer for one request that ran: `{ body, status }`, in its order. */
export interface BatchResult {
  body: JsonValue;
  status: number;
}

/** The first request that failed: its index and its answer's PocketBase error body. */
export class BatchFailure {
  constructor(
    readonly index: number,
    readonly response: JsonValue,
  ) {}
}

export interface BatchRun {
  results: BatchResult[];
  /** The procedures that ran, an upsert by what it turned out to be (for the request log). */
  procedures: string[];
}

/**
 * A transaction has the pool's query API except `$client` (the raw pool, which only live listeners use), so it stands
 * in for the database a procedure's context carries, as it does for keyed mutations (server/core/idempotency/run.ts).
 */
function asDatabase(tx: Transaction): Database {
  return tx as unknown as Database;
}

/** Runs the batch; throws BatchFailure (the client's) or BatchAbort (not), after the transaction rolled back. */
export async function runBatch(
  db: Database,
  plan: readonly PlannedRequest[],
  caller: ActorResolution,
  headers: Headers,
  registry: Registry,
  timeoutMs: number,
): Promise<BatchRun> {
  const deadline = Date.now() + timeoutMs;
  const proceduresOn = (on: Transaction): Procedures =>
    createCaller(
      createContext({
        db: asDatabase(on),
        headers,
        actor: caller.actor,
        ...(caller.refused ? { refused: caller.refused } : {}),
      }),
    ) as unknown as Procedures;
  return transactionWithAfterCommit(db, async (tx) => {
    // No statement, a lock wait included, outlives the batch's whole budget.
    await tx.execute(sql`select set_config('statement_timeout', ${String(Math.max(1, timeoutMs))}, true)`);
    const run: BatchRun = { results: [], procedures: [] };
    const procedures = proceduresOn(tx);
    for (const [index, request] of plan.entries()) {
      if (Date.now() > deadline) throw new BatchAbort("timeout");
      const call = await resolveUpsert(request, tx, proceduresOn, registry, index);
      run.procedures.push(`${call.resource.name}.${call.operation}`);
      const answer = await runRestCall(procedures, call.method, call.target, call.body, registry);
      const shown = await readBack(call, answer, tx, proceduresOn, registry);
      const response = recordsAnswer(call, shown.status, shown.json, new Headers(), registry);
      const body = response.status === 204 ? null : ((await response.json()) as JsonValue);
      if (response.status >= 400) throw new BatchFailure(index, body);
      run.results.push({ body, status: response.status });
    }
    return run;
  });
}

/** An upsert is an update when its id names a record the caller can see (as `get` sees it), else a create. */
async function resolveUpsert(
  request: PlannedRequest,
  tx: Transaction,
  proceduresOn: (on: Transaction) => Procedures,
  registry: Registry,
  index: number,
): Promise<RecordsCall> {
  const { call, upsert } = request;
  if (!upsert) return call;
  const target = `${REST_PREFIX}/${encodeURIComponent(call.resource.name)}/${encodeURIComponent(upsert.id)}`;
  const seen = await tolerantRead(tx, proceduresOn, target, registry);
  if (seen.status >= 300) return call;
  try {
    return await upsert.update();
  } catch (error) {
    if (error instanceof PocketBaseRefusal) throw new BatchFailure(index, (await error.response.json()) as JsonValue);
    throw error;
  }
}

/**
 * PocketBase answers a write with the record as its `expand` asks; REST writes answer without expansions, so the
 * record is read back in the transaction under the same rules (one the caller may write but not read keeps the
 * write's own answer).
 */
async function readBack(
  call: RecordsCall,
  answer: RestAnswer,
  tx: Transaction,
  proceduresOn: (on: Transaction) => Procedures,
  registry: Registry,
): Promise<RestAnswer> {
  const target = answer.status < 300 ? readBackTarget(call, answer.json) : null;
  if (!target) return answer;
  const again = await tolerantRead(tx, proceduresOn, target, registry);
  return again.status < 300 ? again : answer;
}

class Unread {
  constructor(readonly answer: RestAnswer) {}
}

/**
 * A read whose refusal the batch survives (an upsert's lookup, a read-back), in a savepoint: should PostgreSQL itself
 * refuse a statement of it, the transaction is not left aborted for the requests after it.
 */
async function tolerantRead(
  tx: Transaction,
  proceduresOn: (on: Transaction) => Procedures,
  target: string,
  registry: Registry,
): Promise<RestAnswer> {
  try {
    return await tx.transaction(async (savepoint) => {
      const answer = await runRestCall(proceduresOn(savepoint), "GET", target, undefined, registry);
      if (answer.status >= 300) throw new Unread(answer);
      return answer;
    });
  } catch (error) {
    if (error instanceof Unread) return error.answer;
    throw error;
  }
}
