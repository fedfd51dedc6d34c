/**
 * pg-boss's job states, in the order of its `job_state` enum (it compares them: `state < 'completed'`). Its own
 * file, free of imports, so the admin's client components can name states without pulling in pg-boss or Drizzle.
 */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States an admin may retry from (a failed job gets one more attempt; a cancelled one resumes). */
export const RETRYABLE: readonly JobState[] = ["failed", "cancelled"];
/** States an admin may cancel in: not yet finished. */
export const CANCELLABLE: readonly JobState[] = ["created", "retry", "active"];
