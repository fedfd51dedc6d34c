/** The live updates of this instance as the metrics see them: who listens now, and what was delivered so far. */
import { getDb } from "@/db/client";
import { listenerFor } from "@/server/core/realtime/listener";

export interface LiveFigures {
  /** Record subscriptions (`<resource>.onChange`) open on this instance. */
  subscribers: number;
  /** Audit-log watchers (`audit.onChange`). */
  watchers: number;
  /** Events delivered since the listener started (each once, whatever the number of subscribers). */
  events: number;
  /** Messages pushed to subscribers since the listener started. */
  deliveries: number;
}

/** Null while the database is down (the app's pool refuses work then; the listener will catch up by itself). */
export function liveFigures(): LiveFigures | null {
  try {
    const listener = listenerFor(getDb());
    return { subscribers: listener.subscriberCount, watchers: listener.watcherCount, ...listener.delivered };
  } catch {
    return null;
  }
}
