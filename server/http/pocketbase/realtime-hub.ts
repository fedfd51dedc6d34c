/**
 * The realtime clients one app instance holds (one hub per database pool, kept on globalThis like the live listener,
 * so Next's separately bundled routes and hot reloads share it). It gives each stream an id and a row
 * (realtime-store.ts), caps how many streams the instance keeps, and applies subscriptions stored by a POST that
 * reached another instance: the NOTIFY naming one of its clients arrives on the pool's LISTEN connection (the one
 * the live listener uses; postgres.js listens to every channel on one connection), and after that connection was
 * lost and re-established it compares every client's stored version, so no POST is missed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { resolveFileTokenActor } from "@/server/auth/actor";
import type { Actor } from "@/server/core/actor";
import { logger } from "@/server/core/logging/logger";
import { LIVE_SSE } from "@/server/core/realtime/config";
import { RealtimeClient, type Subscriptions } from "./realtime-client";
import {
  CLIENT_ID_LENGTH,
  MAX_CLIENTS_PER_INSTANCE,
  REALTIME_CHANNEL,
  ROW_GRACE_MS,
  SWEEP_EVERY_MS,
} from "./realtime-config";
import { deleteClient, insertClient, readSubscriptions, storedVersions, sweepStaleClients } from "./realtime-store";
import { type Registry, readTopic, type Topic } from "./realtime-topics";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** PocketBase's shape of client id: letters and digits, drawn without bias from the system's CSPRNG. */
export function newClientId(): string {
  let id = "";
  while (id.length < CLIENT_ID_LENGTH) {
    for (const byte of randomBytes(CLIENT_ID_LENGTH)) {
      // 248 = 4 * 62: bytes above it would favour the first letters.
      if (byte < 248 && id.length < CLIENT_ID_LENGTH) id += ALPHABET[byte % 62];
    }
  }
  return id;
}

export class RealtimeHub {
  /** This instance's name in the rows it owns. */
  readonly instance = randomUUID();
  private readonly clients = new Map<string, RealtimeClient>();
  private opening = 0;
  private startup: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private lastSweep = 0;
  /** Rows of ended streams being deleted (awaited by `stop`, before a test or shutdown closes the pool). */
  private readonly deleting = new Set<Promise<void>>();

  constructor(
    readonly db: Database,
    private readonly maxClients: number = MAX_CLIENTS_PER_INSTANCE,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** The client whose stream this instance holds, if any. */
  local(id: string): RealtimeClient | undefined {
    return this.clients.get(id);
  }

  /** A new client's stream, or "full" when this instance holds as many as it may. */
  async connect(options: {
    ip: string;
    signal: AbortSignal;
    registry: Registry;
    onClose: () => void;
  }): Promise<RealtimeClient | "full"> {
    if (this.clients.size + this.opening >= this.maxClients) return "full";
    this.opening++;
    try {
      await this.start();
      this.sweep();
      const id = newClientId();
      const expiresAt = new Date(Date.now() + LIVE_SSE.maxDurationMs + ROW_GRACE_MS);
      await insertClient(this.db, { id, instance: this.instance, ip: options.ip, expiresAt });
      const client = new RealtimeClient({
        id,
        db: this.db,
        registry: options.registry,
        signal: options.signal,
        onClose: () => {
          this.clients.delete(id);
          const deleting = deleteClient(this.db, id)
            .catch((error: unknown) => {
              // The row expires by itself; a POST meanwhile finds this instance's row without its client: 404.
              logger("realtime").warn({ err: error }, "could not delete a closed realtime client's row");
            })
            .finally(() => this.deleting.delete(deleting));
          this.deleting.add(deleting);
          options.onClose();
        },
      });
      if (!client.closed) this.clients.set(id, client);
      return client;
    } finally {
      this.opening--;
    }
  }

  /** LISTENs on the realtime channel (once). */
  start(): Promise<void> {
    this.startup ??= this.db.$client
      .listen(
        REALTIME_CHANNEL,
        (payload) => this.notified(payload),
        // Also called after postgres.js re-LISTENs on a new connection: notifications sent meanwhile were lost.
        () => void this.catchUp(),
      )
      .then((meta) => {
        this.unlisten = meta.unlisten;
      })
      .catch((error: unknown) => {
        this.startup = undefined;
        throw error;
      });
    return this.startup;
  }

  async stop(): Promise<void> {
    for (const client of [...this.clients.values()]) client.end();
    await Promise.all(this.deleting);
    await this.startup?.catch(() => undefined);
    await this.unlisten?.().catch(() => undefined);
  }

  /** `<client id> <version>`: a POST stored that version; this instance applies it if the client is its own. */
  private notified(payload: string): void {
    const [id = "", version] = payload.split(" ");
    const client = this.clients.get(id);
    if (!client || Number(version) <= client.wanted) return;
    void client.refresh(() => this.load(id, client.registry));
  }

  private async catchUp(): Promise<void> {
    if (this.clients.size === 0) return;
    try {
      const versions = await storedVersions(this.db, [...this.clients.keys()]);
      for (const [id, version] of versions) {
        const client = this.clients.get(id);
        if (client && version > client.wanted) void client.refresh(() => this.load(id, client.registry));
      }
    } catch (error) {
      logger("realtime").error({ err: error }, "could not catch up on realtime subscriptions after reconnecting");
    }
  }

  /**
   * The stored subscriptions, read as the user they are bound to, fresh from the database; null when that user may
   * not read any more (blocked, deleted). Topics that no longer pass the checks (a changed role) are left out.
   */
  private async load(id: string, registry: Registry): Promise<Subscriptions | null | undefined> {
    const stored = await readSubscriptions(this.db, id);
    if (!stored) return undefined;
    let actor: Actor = { kind: "anonymous" };
    if (stored.userId !== null) {
      const resolved = await resolveFileTokenActor(this.db, stored.userId);
      if (resolved.refused) return null;
      actor = resolved.actor;
    }
    const topics: Topic[] = [];
    for (const raw of stored.subscriptions) {
      const read = readTopic(raw, registry, actor);
      if (read.ok && read.topic) topics.push(read.topic);
    }
    return { version: stored.version, actor, topics, fromSeq: stored.fromSeq };
  }

  private sweep(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    sweepStaleClients(this.db).catch((error: unknown) => {
      logger("realtime").warn({ err: error }, "sweeping stale realtime clients failed");
    });
  }
}

// On globalThis, like the live listener, so every route bundle of one process shares the instance's clients.
const hubs = globalThis as unknown as { atriumRealtimeHubs?: WeakMap<Database, RealtimeHub> };

/** The hub of this database pool (this app instance), created on first use. */
export function hubFor(db: Database, maxClients?: number): RealtimeHub {
  hubs.atriumRealtimeHubs ??= new WeakMap();
  let hub = hubs.atriumRealtimeHubs.get(db);
  if (!hub) {
    hub = new RealtimeHub(db, maxClients);
    hubs.atriumRealtimeHubs.set(db, hub);
  }
  return hub;
}

/** Ends every stream of this pool's hub and stops listening (tests, graceful shutdown). */
export async function closeHub(db: Database): Promise<void> {
  const hub = hubs.atriumRealtimeHubs?.get(db);
  hubs.atriumRealtimeHubs?.delete(db);
  await hub?.stop();
}
