/** Database liveness for /api/health: one round trip, bounded in time so a dead server answers 503, not a hang. */
import "server-only";
import { getSql } from "@/db/client";

export interface Health {
  status: "ok" | "unavailable";
  db: { ok: true; latencyMs: number } | { ok: false; error: string };
}

const TIMEOUT_MS = 3000;

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    await Promise.race([getSql()`select 1`, timeout]);
    return { status: "ok", db: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
  } catch (error) {
    // Say what kind of failure it was without echoing connection strings or hosts.
    const code = (error as { code?: string }).code;
    return { status: "unavailable", db: { ok: false, error: code ?? (error as Error).message ?? "unreachable" } };
  } finally {
    clearTimeout(timer);
  }
}
