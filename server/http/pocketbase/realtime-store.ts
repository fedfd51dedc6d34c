/**
 * Realtime clients in PostgreSQL (db/schema/realtime.ts), so that `POST /api/realtime` works on whichever instance
 * the load balancer sends it to. The POST's instance locks the client's row, applies PocketBase's checks (same
 * address, same auth or a guest signing in), stores the topics, and NOTIFYs the channel with the client id in the
 * same transaction; the instance holding the stream (realtime-hub.ts, on the LISTEN connection it already has for
 * live events) reads the row and applies it. Nothing one instance needs lives only in another's memory.
 */
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { realtimeClients } from "@/db/schema";
import { latestEventId } from "@/server/core/realtime/events";
import { REALTIME_CHANNEL } from "./realtime-config";

/** What the owning instance applies: the topics as sent, for whom, and the event id they start after. */
export interface StoredSubscriptions {
  subscriptions: string[];
  userId: string | null;
  version: number;
  fromSeq: number;
}

const live = (id: string) => and(eq(realtimeClients.id, id), gt(realtimeClients.expiresAt, sql`now()`));

export async function insertClient(
  db: Database,
  client: { id: string; instance: string; ip: string; expiresAt: Date },
): Promise<void> {
  await db.insert(realtimeClients).values(client);
}

export async function deleteClient(db: Database, id: string): Promise<void> {
  await db.delete(realtimeClients).where(eq(realtimeClients.id, id));
}

/** Rows whose stream cannot be open any more (an instance that crashed never deleted them). */
export async function sweepStaleClients(db: Database): Promise<void> {
  await db.delete(realtimeClients).where(lt(realtimeClients.expiresAt, sql`now()`));
}

export async function readSubscriptions(db: Database, id: string): Promise<StoredSubscriptions | undefined> {
  const [row] = await db
    .select({
      subscriptions: realtimeClients.subscriptions,
      userId: realtimeClients.userId,
      version: realtimeClients.version,
      fromSeq: realtimeClients.fromSeq,
    })
    .from(realtimeClients)
    .where(live(id));
  return row;
}

/** The stored version of each of these clients (to catch up after the LISTEN connection was lost). */
export async function storedVersions(db: Database, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: realtimeClients.id, version: realtimeClients.version })
    .from(realtimeClients)
    .where(inArray(realtimeClients.id, ids));
  return new Map(rows.map((row) => [row.id, row.version]));
}

export type StoreOutcome =
  | { ok: true; instance: string; stored: StoredSubscriptions }
  | { ok: false; reason: "unknown" | "address" | "auth" };

/**
 * Replaces a client's topics and binds it to `userId`, under PocketBase's rules: the request comes from the address
 * that opened the stream, and a client bound to a user stays bound to that user (a guest may sign in; nobody may
 * switch or sign out). Wakes the owning instance on commit.
 */
export async function storeSubscriptions(
  db: Database,
  request: { id: string; ip: string; userId: string | null; subscriptions: string[] },
  /** Whether a row names a stream that is gone: this instance's, which no longer holds the client. */
  gone: (instance: string) => boolean,
): Promise<StoreOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ instance: realtimeClients.instance, ip: realtimeClients.ip, userId: realtimeClients.userId })
      .from(realtimeClients)
      .where(live(request.id))
      .for("update");
    if (!row) return { ok: false, reason: "unknown" };
    if (gone(row.instance)) {
      await tx.delete(realtimeClients).where(eq(realtimeClients.id, request.id));
      return { ok: false, reason: "unknown" };
    }
    if (row.ip !== request.ip) return { ok: false, reason: "address" };
    if (row.userId !== null && row.userId !== request.userId) return { ok: false, reason: "auth" };
    // Read under the row lock, after the request arrived: whatever commits later is replayed to the new topics.
    const fromSeq = await latestEventId(tx);
    const [updated] = await tx
      .update(realtimeClients)
      .set({
        subscriptions: request.subscriptions,
        userId: request.userId,
        version: sql`${realtimeClients.version} + 1`,
        fromSeq,
      })
      .where(eq(realtimeClients.id, request.id))
      .returning({ version: realtimeClients.version });
    const version = updated?.version ?? 0;
    // Delivered on commit only; the version lets the owner skip what it has applied already (its own POSTs).
    await tx.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${`${request.id} ${version}`})`);
    const stored = { subscriptions: request.subscriptions, userId: request.userId, version, fromSeq };
    return { ok: true, instance: row.instance, stored };
  });
}
