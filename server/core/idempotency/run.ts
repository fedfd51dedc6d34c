/**
 * Idempotent mutations. A mutation sent with an `Idempotency-Key` runs in one transaction that first claims the key
 * (scope, procedure, key), then runs the mutation on that transaction (its own transactions become savepoints), then
 * stores the sealed answer, and commits: "key stored" and "write committed" are one fact, on every instance. A retry
 * with the same key and input gets the stored answer and writes nothing; a failed mutation rolls its key back with
 * it, so a retry runs again. See docs/idempotency.md and docs/decisions/012-idempotency-keys.md.
 */
import { type MiddlewareResult, middlewareMarker } from "@trpc/server/unstable-core-do-not-import";
import superjson from "superjson";
import type { Database } from "@/db/client";
import { isSessionEnded } from "@/db/unavailable";
import { env } from "@/env";
import { logger } from "@/server/core/logging/logger";
import type { Actor } from "../actor";
import { transactionWithAfterCommit } from "../after-commit";
import type { Transaction } from "../executor";
import { serializeOutput } from "../wire-output";
import { hashInput, idempotencyKeyOf, idempotencyScope, keyError } from "./key";
import { seal, unseal } from "./seal";
import { type Claim, claimKey, type KeyedRequest, pruneExpiredKeys, saveResponse } from "./store";

/** How long a duplicate waits for the first request with its key to finish before it is told "in progress" (409). */
export const KEY_WAIT_MS = 5_000;

/** After a keyed mutation, expired keys are pruned at most this often per instance, a bounded batch at a time. */
const PRUNE_EVERY_MS = 60_000;
let nextPruneAt = 0;

/** What one run of a mutation came to (tRPC's middleware results have this shape). */
export type Attempt = { ok: true; data: unknown } | { ok: false; error?: unknown };

export interface IdempotencyOptions {
  ttlSeconds: number;
  /** Longest wait for a concurrent request holding the same key. */
  waitMs: number;
  /** Seals stored answers (seal.ts). */
  secret: string;
}

/** The mutation ran (successfully or not), or an earlier run's answer was found. */
export type Outcome<A extends Attempt> = { ran: A } | { replayed: unknown };

/** Carries a failed run out of its transaction, which it rolls back, the key with it. */
class Failed<A> {
  constructor(readonly attempt: A) {}
}

/**
 * A transaction has the pool's query API except `$client` (the raw pool, used only by live listeners, which
 * mutations never open), so it stands in for the database a mutation's context carries.
 */
function asDatabase(tx: Transaction): Database {
  return tx as unknown as Database;
}

function replay(claim: Exclude<Claim, { owner: true }>, request: KeyedRequest, context: string, secret: string) {
  if (claim.inputHash !== request.inputHash) {
    throw keyError(
      "UNPROCESSABLE_CONTENT",
      "This Idempotency-Key was already used with a different input; send a new key for a new request.",
    );
  }
  // Never committed without its answer (both are written in one transaction); kept for safety.
  if (claim.response === null) {
    throw keyError("CONFLICT", "A request with this Idempotency-Key is still in progress; retry in a moment.");
  }
  const answer = unseal(claim.response, context, secret);
  if (answer === undefined) {
    throw keyError(
      "CONFLICT",
      "A request with this Idempotency-Key already succeeded, but its answer can no longer be read (the server's " +
        "secret changed); check whether it took effect before sending it again with a new key.",
    );
  }
  return superjson.deserialize(JSON.parse(answer) as Parameters<typeof superjson.deserialize>[0]);
}

/**
 * Pauses before a keyed mutation runs again because its session ended under it (its backend terminated, the
 * connection reset): the next try takes another connection, or a fresh one. After every backend of the pool is
 * terminated at once, a backend that has not yet acted on its signal still answers BEGIN; under heavy load that took
 * seconds (server/resilience/database-outage.test.ts), so a few tries, a moment apart. The whole is still bounded by
 * the outage bound around every procedure (db/availability.ts).
 */
const SESSION_ENDED_RETRY_PAUSES_MS = [0, 10, 50, 250];

/**
 * The transport-neutral core: runs `work` at most once for `request`, or returns the first run's answer.
 *
 * A run whose session ended is run again here, as the client would with the same key: the key makes it safe. The
 * run's transaction was on the session that ended, so either it rolled back (the key with it, and the next run
 * starts afresh), or, if the COMMIT went through before the connection dropped, the next run finds the key and
 * replays the answer. Either way the client gets the answer instead of a 503 it would have to retry.
 */
export async function runOnce<A extends Attempt>(
  db: Database,
  request: KeyedRequest,
  options: IdempotencyOptions,
  work: (db: Database) => Promise<A>,
): Promise<Outcome<A>> {
  for (const pause of SESSION_ENDED_RETRY_PAUSES_MS) {
    try {
      const outcome = await runOnceOnSession(db, request, options, work);
      if (!("ran" in outcome) || outcome.ran.ok || !isSessionEnded(outcome.ran.error)) return outcome;
    } catch (error) {
      if (!isSessionEnded(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return runOnceOnSession(db, request, options, work);
}

async function runOnceOnSession<A extends Attempt>(
  db: Database,
  request: KeyedRequest,
  options: IdempotencyOptions,
  work: (db: Database) => Promise<A>,
): Promise<Outcome<A>> {
  const context = `${request.scope}\n${request.path}\n${request.key}`;
  let outcome: Outcome<A>;
  try {
    outcome = await transactionWithAfterCommit(db, async (tx): Promise<Outcome<A>> => {
      const claim = await claimKey(tx, request, options);
      if (!claim.owner) return { replayed: replay(claim, request, context, options.secret) };
      const attempt = await work(asDatabase(tx));
      if (!attempt.ok) throw new Failed(attempt);
      const answer = JSON.stringify(serializeOutput(attempt.data));
      await saveResponse(tx, request, seal(answer, context, options.secret));
      return { ran: attempt };
    });
  } catch (error) {
    if (error instanceof Failed) return { ran: error.attempt as A };
    throw error;
  }
  if ("ran" in outcome) await maybePrune(db);
  return outcome;
}

/** Opportunistic and bounded: the write has committed and answered; a failure here is only logged. */
async function maybePrune(db: Database): Promise<void> {
  const now = Date.now();
  if (now < nextPruneAt) return;
  nextPruneAt = now + PRUNE_EVERY_MS;
  await pruneExpiredKeys(db).catch((error: unknown) =>
    logger("idempotency").error({ err: error }, "pruning expired keys failed"),
  );
}

function optionsFromEnv(): IdempotencyOptions {
  const { IDEMPOTENCY_KEY_TTL_SECONDS, AUTH_SECRET } = env();
  if (!AUTH_SECRET) throw new Error("AUTH_SECRET is not set: it seals the answers of keyed mutations.");
  return { ttlSeconds: IDEMPOTENCY_KEY_TTL_SECONDS, waitMs: KEY_WAIT_MS, secret: AUTH_SECRET };
}

/** What the tRPC middleware hands over of a mutation call. */
export interface MutationCall {
  db: Database;
  actor: Actor;
  headers: Headers;
  path: string;
  getRawInput: () => Promise<unknown>;
}

/**
 * The tRPC side (server/trpc.ts uses it on every mutation): without the header, `next` runs as always; with it,
 * through `runOnce`, `next` getting the transaction as its `ctx.db`. A replay answers without calling `next`.
 */
export async function idempotentMutation<R extends MiddlewareResult<object>>(
  call: MutationCall,
  next: (db: Database) => Promise<R>,
): Promise<R> {
  const key = idempotencyKeyOf(call.headers);
  if (key === undefined) return next(call.db);
  const request = {
    scope: idempotencyScope(call.actor),
    path: call.path,
    key,
    inputHash: hashInput(await call.getRawInput()),
  };
  const outcome = await runOnce(call.db, request, optionsFromEnv(), next);
  if ("ran" in outcome) return outcome.ran;
  // tRPC has no public way for a middleware to answer without `next` (trpc/trpc#4066); this is the result `next`
  // itself returns, and the marker is only a type brand.
  return { marker: middlewareMarker, ok: true, data: outcome.replayed } as R;
}
