/** The idempotency_keys table: claiming a key inside a mutation's transaction, saving its answer, pruning. */
import { and, eq, lte, sql } from "drizzle-orm";
import { idempotencyKeys } from "@/db/schema";
import type { Executor, Transaction } from "../executor";
import { keyError } from "./key";

/** One keyed request: whose key, on which procedure, and the hash of its input. */
export interface KeyedRequest {
  scope: string;
  path: string;
  key: string;
  inputHash: string;
}

/** Either this transaction now holds the key, or a committed request holds it (with its input and answer). */
export type Claim = { owner: true } | { owner: false; inputHash: string; response: string | null };

const LOCK_NOT_AVAILABLE = "55P03";

function sqlState(error: unknown): string | undefined {
  // Drizzle wraps the driver's error (DrizzleQueryError.cause); postgres.js puts the SQLSTATE in `code`.
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const same = (request: KeyedRequest) =>
  and(
    eq(idempotencyKeys.scope, request.scope),
    eq(idempotencyKeys.path, request.path),
    eq(idempotencyKeys.key, request.key),
  );

/**
 * Takes the key for this transaction, or finds the committed request holding it. While another transaction holds it
 * uncommitted, the insert waits on the primary key until that one ends: committed, the row is found here; rolled
 * back, this one inserts. The wait is bounded by `waitMs` (then 409, "in progress"); an expired row is taken over as
 * if it were gone. The row stays locked by this transaction either way, so pruning cannot remove it meanwhile.
 */
export async function claimKey(
  tx: Transaction,
  request: KeyedRequest,
  options: { ttlSeconds: number; waitMs: number },
): Promise<Claim> {
  // Local to this transaction, and put back before the mutation runs: its own row locks keep the usual wait.
  await tx.execute(sql`select set_config('lock_timeout', ${`${options.waitMs}ms`}, true)`);
  let claimed: unknown[];
  try {
    claimed = await tx
      .insert(idempotencyKeys)
      .values({ ...request, expiresAt: sql`now() + make_interval(secs => ${options.ttlSeconds})` })
      .onConflictDoUpdate({
        target: [idempotencyKeys.scope, idempotencyKeys.path, idempotencyKeys.key],
        set: {
          inputHash: request.inputHash,
          response: null,
          createdAt: sql`now()`,
          expiresAt: sql`excluded.expires_at`,
        },
        setWhere: lte(idempotencyKeys.expiresAt, sql`now()`),
      })
      .returning({ key: idempotencyKeys.key });
  } catch (error) {
    if (sqlState(error) === LOCK_NOT_AVAILABLE) {
      throw keyError("CONFLICT", "A request with this Idempotency-Key is still in progress; retry in a moment.");
    }
    throw error;
  }
  await tx.execute(sql`set local lock_timeout to default`);
  if (claimed.length > 0) return { owner: true };
  const [row] = await tx
    .select({ inputHash: idempotencyKeys.inputHash, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(same(request));
  if (!row) throw new Error(`idempotency key ${request.path} vanished while locked`);
  return { owner: false, ...row };
}

/** Records the answer of the request that holds the key, in its transaction. */
export async function saveResponse(tx: Transaction, request: KeyedRequest, response: string): Promise<void> {
  await tx.update(idempotencyKeys).set({ response }).where(same(request));
}

/**
 * Deletes up to `limit` expired keys, oldest first, skipping rows a request is taking over right now. Returns how
 * many went. Bounded, so one call never holds a long transaction; expired rows left over are ignored until then.
 */
export async function pruneExpiredKeys(db: Executor, limit = 1_000): Promise<number> {
  const deleted = await db.execute(sql`
    with doomed as (
      select scope, path, key from idempotency_keys
      where expires_at <= now() order by expires_at limit ${limit} for update skip locked
    )
    delete from idempotency_keys k using doomed d
    where k.scope = d.scope and k.path = d.path and k.key = d.key
    returning 1`);
  return deleted.length;
}
