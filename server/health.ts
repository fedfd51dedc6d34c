/**
 * Database liveness for /api/health. It asks the pool's circuit breaker (db/availability.ts): while the database is
 * known to be down the answer is immediate, otherwise it is one probe round trip, bounded in time, so a dead server
 * answers 503, not a hang. A failed probe is what declares the database down for every other request too.
 */
import "server-only";
import { getAvailability } from "@/db/client";

export interface Health {
  status: "ok" | "unavailable";
  db: { ok: true; latencyMs: number } | { ok: false; error: string };
}

export async function checkHealth(): Promise<Health> {
  const availability = getAvailability();
  if (availability.isDown) return { status: "unavailable", db: { ok: false, error: "DATABASE_UNAVAILABLE" } };
  const started = performance.now();
  const ok = await availability.check();
  if (!ok) return { status: "unavailable", db: { ok: false, error: "DATABASE_UNAVAILABLE" } };
  return { status: "ok", db: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
}
