/**
 * Every committed change, for the admin's audit log: which resource, record and operation, nothing of the record
 * itself (admins read the entries through `audit.list`). The same ids, resume and `ready` as `onChange`, so the
 * audit page refetches only when something was written, and catches up after a dropped connection.
 */
import { TRPCError, type TrackedEnvelope, tracked } from "@trpc/server";
import type { Database } from "@/db/client";
import type { ChangeOperation } from "../changes";
import { canResumeFrom, eventsBetween, parseEventId } from "./events";
import { InboxOverflow } from "./inbox";
import { listenerFor } from "./listener";
import type { LiveReady } from "./types";

export type ActivityMessage =
  | { action: "change"; resource: string; id: string; operation: ChangeOperation }
  | LiveReady;

export async function* liveActivity(opts: {
  db: Database;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TrackedEnvelope<ActivityMessage>, void, unknown> {
  const { db, signal } = opts;
  const watcher = await listenerFor(db).watchAll();
  const change = (e: { resource: string; recordId: string; operation: ChangeOperation }): ActivityMessage => ({
    action: "change",
    resource: e.resource,
    id: e.recordId,
    operation: e.operation,
  });
  try {
    const lastId = parseEventId(opts.lastEventId);
    const resumed = lastId !== undefined && (await canResumeFrom(db, lastId));
    let sent = watcher.from;
    if (lastId !== undefined && resumed) {
      for await (const events of eventsBetween(db, lastId, watcher.from)) {
        for (const e of events) yield tracked(String(e.seq), change(e));
      }
      sent = Math.max(lastId, watcher.from);
    }
    yield tracked(String(sent), { action: "ready", resumed });
    for (;;) {
      const event = await watcher.inbox.take(signal);
      if (!event) return;
      if (event.seq <= sent) continue;
      sent = event.seq;
      yield tracked(String(event.seq), change(event));
    }
  } catch (error) {
    if (error instanceof InboxOverflow) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: error.message });
    throw error;
  } finally {
    watcher.close();
  }
}
