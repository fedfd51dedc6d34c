/**
 * The live updates' memory budgets the server under test runs with, read the way the server reads them: env.ts's own
 * parser over the very environment the bench gives `next start`, so defaults come from the one place that sets them.
 * A budget env.ts does not know (yet) reads as undefined and is printed as such.
 */
import { parseEnv } from "../../env";

export interface Budgets {
  /** LIVE_EVALUATION_CACHE_BYTES: visibility results remembered across subscribers. */
  evaluationCache: number | undefined;
  /** LIVE_INBOX_BYTES: what one subscriber's queue may hold. */
  inbox: number | undefined;
  /** LIVE_STREAM_BUFFER_BYTES: what one SSE stream may hold unread. */
  streamBuffer: number | undefined;
}

export const BUDGET_NAMES = {
  evaluationCache: "LIVE_EVALUATION_CACHE_BYTES",
  inbox: "LIVE_INBOX_BYTES",
  streamBuffer: "LIVE_STREAM_BUFFER_BYTES",
} as const satisfies Record<keyof Budgets, string>;

export function budgetsOf(serverEnv: NodeJS.ProcessEnv): Budgets {
  const parsed: Record<string, unknown> = parseEnv(serverEnv);
  const bytes = (name: string) => {
    const value = parsed[name];
    return typeof value === "number" ? value : undefined;
  };
  return {
    evaluationCache: bytes(BUDGET_NAMES.evaluationCache),
    inbox: bytes(BUDGET_NAMES.inbox),
    streamBuffer: bytes(BUDGET_NAMES.streamBuffer),
  };
}
