/**
 * An admin retrying or cancelling a job (decision 021). The change and its audit entry commit together: the job's
 * row is locked, its state checked, changed, and the entry written in one transaction, so two admins clicking at
 * once change it once and the trail records exactly what happened.
 *
 * The SQL follows pg-boss 10's own `retry`, `resume` and `cancel` (node_modules/pg-boss/src/plans.js), run on our
 * transaction: pg-boss's API cannot take part in it here (its array parameters do not survive executorDb).
 */
import { TRPCError } from "@trpc/server";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import { findJob, type JobDetail } from "./admin";
import { JOBS_SCHEMA } from "./boss";
import { CANCELLABLE, type JobState, RETRYABLE } from "./states";
import { bossArchive, bossJob } from "./tables";

/** The audit trail's resource name for jobs: entries read "jobs <id>" and link to /admin/jobs/<id>. */
export const JOBS_AUDIT_RESOURCE = "jobs";

const jobState = sql.raw(`${JOBS_SCHEMA}.job_state`);

/** A state in a refusal's sentence: "This job is running; ...". */
const IN_WORDS: Record<JobState, string> = {
  created: "waiting",
  retry: "waiting to retry",
  active: "running",
  completed: "completed",
  cancelled: "cancelled",
  failed: "failed",
};

export interface JobTarget {
  queue: string;
  id: string;
  actor: Actor;
  requestId?: string;
}

/**
 * Gives a failed job one more attempt (pg-boss's `retry`: its retry limit grows by one) or resumes a cancelled one
 * (pg-boss's `resume`), keeping its id, input and history. The job runs at the next poll of a worker.
 */
export function retryJob(db: Executor, target: JobTarget): Promise<JobDetail> {
  return intervene(db, target, "retry", RETRYABLE, {
    // A job that never started waits as new; one that did is a retry (pg-boss then counts the attempt).
    state: sql`(case when ${bossJob.startedOn} is null then 'created' else 'retry' end)::${jobState}`,
    retryLimit: sql`greatest(${bossJob.retryLimit}, ${bossJob.retryCount} + 1)`,
    // pg-boss leaves completed_on set on retry, and its maintenance archives any non-failed job whose completed_on
    // is older than the archive interval: a job failed hours ago could vanish before its retry ran.
    completedOn: sql`null`,
  });
}

/**
 * Cancels a job that waits or runs (pg-boss's `cancel`). A running attempt is not interrupted (it may be in
 * another process); when it ends, pg-boss records neither its result nor a retry.
 */
export function cancelJob(db: Executor, target: JobTarget): Promise<JobDetail> {
  return intervene(db, target, "cancel", CANCELLABLE, {
    state: sql`'cancelled'::${jobState}`,
    completedOn: sql`now()`,
  });
}

async function intervene(
  db: Executor,
  target: JobTarget,
  operation: "retry" | "cancel",
  from: readonly JobState[],
  set: { state: SQL; retryLimit?: SQL; completedOn: SQL },
): Promise<JobDetail> {
  const { queue, id } = target;
  const here = and(eq(bossJob.name, queue), eq(bossJob.id, id));
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ state: bossJob.state }).from(bossJob).where(here).for("update");
    if (!row) throw await missing(tx, queue, id, operation);
    if (!from.includes(row.state)) {
      throw new TRPCError({
        code: "CONFLICT",
        message:
          operation === "retry"
            ? `This job is ${IN_WORDS[row.state]}; only failed or cancelled jobs can be retried.`
            : `This job is ${IN_WORDS[row.state]}; only jobs that wait or run can be cancelled.`,
      });
    }
    const [after] = await tx
      .update(bossJob)
      .set(set)
      .where(here)
      .returning({ state: bossJob.state })
      .catch((error: unknown) => {
        throw isUniqueViolation(error)
          ? new TRPCError({
              code: "CONFLICT",
              message: "Another run of this job with the same singleton key is waiting; retry once it has finished.",
            })
          : error;
      });
    await tx.insert(auditLog).values({
      ...auditActor(target.actor),
      operation,
      resource: JOBS_AUDIT_RESOURCE,
      recordId: id,
      // The queue on both sides, so the audit log names the job in the entry itself: "Queue: x, State: a → b".
      before: { queue, state: row.state },
      after: { queue, state: after?.state ?? row.state },
      requestId: target.requestId ?? null,
    });
    const job = await findJob(tx, [queue], id);
    if (!job) throw new Error(`job ${id} vanished inside its own transaction`);
    return job;
  });
}

/** NOT_FOUND, or a CONFLICT that says why when the job is only in the archive. */
async function missing(tx: Executor, queue: string, id: string, operation: string): Promise<TRPCError> {
  const [archived] = await tx
    .select({ state: bossArchive.state })
    .from(bossArchive)
    .where(and(eq(bossArchive.name, queue), eq(bossArchive.id, id)))
    .limit(1);
  if (!archived) return new TRPCError({ code: "NOT_FOUND", message: "No such job." });
  return new TRPCError({
    code: "CONFLICT",
    message: `This job (${archived.state}) has been archived by pg-boss's maintenance; an archived job cannot ${operation === "retry" ? "be retried" : "be cancelled"}.`,
  });
}

/** Who acted, as the audit trail's columns record it (the same mapping as writeAudit's, server/core/audit.ts). */
function auditActor(actor: Actor) {
  if (actor.kind === "user") {
    const user = actor.user as { id: string; name?: unknown };
    return {
      actorKind: actor.via === "token" ? ("token" as const) : ("user" as const),
      actorId: user.id,
      tokenId: actor.via === "token" ? actor.tokenId : null,
      actorLabel: typeof user.name === "string" ? user.name : user.id,
    };
  }
  if (actor.kind === "system")
    return { actorKind: "system" as const, actorId: null, tokenId: null, actorLabel: actor.reason };
  return { actorKind: "anonymous" as const, actorId: null, tokenId: null, actorLabel: "anonymous" };
}

function isUniqueViolation(error: unknown): boolean {
  // Drizzle wraps the driver's error (its `cause`); postgres.js puts the SQLSTATE in `code`.
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
