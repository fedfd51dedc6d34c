/**
 * The schedules pg-boss holds (the code's, kept in line by runtime.ts) with their next run time, for the admin.
 * The next tick is computed with cron-parser, the parser pg-boss's own clock uses, so both agree on time zones and
 * daylight saving. pg-boss sends a due job at its next clock check (every 30 s), so a run starts up to that much
 * after the tick, and only while some worker runs.
 */

// pg-boss's own dependency (declared by it, resolved from its folder); imported the way pg-boss imports it.
import cronParser from "cron-parser";
import { asc, inArray, sql } from "drizzle-orm";
import type { Executor } from "../executor";
import { bossSchedule } from "./tables";

export interface ScheduleSummary {
  queue: string;
  cron: string;
  timeZone: string;
  /** The input each run gets, as JSON text. */
  input: string;
  /** The next tick after `now`; null when the expression no longer parses. */
  nextRunAt: Date | null;
}

const INPUT_LIMIT = 1_000;

/** The next tick of a five-field cron expression in a time zone, after `from`. */
export function nextRun(cron: string, timeZone: string, from: Date): Date | null {
  try {
    return cronParser.parseExpression(cron, { tz: timeZone, currentDate: from }).next().toDate();
  } catch {
    return null;
  }
}

/** The schedules of the given queues, by queue name. */
export async function listSchedules(
  db: Executor,
  queues: readonly string[],
  now = new Date(),
): Promise<ScheduleSummary[]> {
  if (queues.length === 0) return [];
  const rows = await db
    .select({
      queue: bossSchedule.name,
      cron: bossSchedule.cron,
      timeZone: bossSchedule.timezone,
      input: sql<string>`left(coalesce(${bossSchedule.data}::text, 'null'), ${INPUT_LIMIT})`,
    })
    .from(bossSchedule)
    .where(inArray(bossSchedule.name, [...queues]))
    .orderBy(asc(bossSchedule.name));
  return rows.map((row) => {
    const timeZone = row.timeZone ?? "UTC";
    return { ...row, timeZone, nextRunAt: nextRun(row.cron, timeZone, now) };
  });
}
