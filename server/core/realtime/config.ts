/**
 * The numbers of live updates in one place, so the tRPC setup, the listener, the docs and the bench agree on them.
 * See README "Live updates" and docs/decisions/007-live-updates.md.
 */

import {
  liveEvaluationCacheBytesFromEnv,
  liveInboxBytesFromEnv,
  liveSequenceGapMsFromEnv,
  liveStreamBufferBytesFromEnv,
  liveStreamMaxSecondsFromEnv,
} from "@/env";

/** The NOTIFY channel; must match `live_events_sequence()` in db/migrations/0019_live_events_queue.sql. */
export const LIVE_CHANNEL = "atrium_live";

/** Events one sequencer run numbers at most (sequencer.ts); a larger backlog takes several runs in a row. */
export const LIVE_SEQUENCE_BATCH = 1_000;

/**
 * How long a wake waits before the sequencer runs, so that a burst of writes is numbered in one run (sequencer.ts).
 * It is added to every live update's latency.
 */
export const LIVE_SEQUENCE_DELAY_MS = 5;

/**
 * The least time between the starts of two runs of one instance's sequencer (LIVE_SEQUENCE_GAP_MS, 25 ms by default).
 * At a few hundred writes a second, a 5 ms delay alone makes a run of every write or two, and a run costs about what
 * a small statement does; the gap caps an instance at 40 runs a second, each numbering what the writes of that time
 * committed, and adds at most the gap to an event's latency, only while writes are that frequent.
 */
export const LIVE_SEQUENCE_GAP_MS = liveSequenceGapMsFromEnv();

/**
 * How often each listener runs the sequencer whether woken or not: the bound on how late an event is numbered when
 * its writer died between COMMIT and waking the sequencer, or never wakes one (a script writing through the engine).
 */
export const LIVE_SEQUENCE_POLL_MS = 1_000;

/** How long committed events stay resumable. A client away longer is told to refetch (`resumed: false`). */
export const LIVE_RETENTION_MS = 15 * 60_000;

/** How often each instance prunes events older than the retention window (one instance at a time does the work). */
export const LIVE_PRUNE_EVERY_MS = 60_000;

/** Events read from the log per round trip when the listener catches up. */
export const LIVE_FETCH_BATCH = 500;

/**
 * Messages queued for a subscriber that is not yet taking them one by one (while it replays; server-side callers and
 * the audit stream, which pull) before it is ended with a retryable error; the client reconnects with its last id and
 * catches up from the log. Bounded by count and by the bytes the messages keep alive (`LIVE_INBOX_BYTES`, default
 * 4 MiB, see size.ts); an SSE stream's own bytes are bounded by LIVE_STREAM_BUFFER_BYTES.
 */
export const LIVE_INBOX_LIMIT = 1_000;
export const LIVE_INBOX_BYTES = liveInboxBytesFromEnv();

/**
 * Bytes a live stream may hold unread (written by the server, not yet taken by the client's connection) before it is
 * ended and its buffer dropped at once (`LIVE_STREAM_BUFFER_BYTES`, default 4 MiB); the client reconnects with its
 * last id and catches up from the log. A reader that keeps up never holds more than the bytes of one slice of fan-out
 * (see listener.ts).
 */
export const LIVE_STREAM_BUFFER_BYTES = liveStreamBufferBytesFromEnv();

/**
 * Visibility results remembered per (event, audience), so resumes and live fan-out share one query per event: at most
 * this many, and at most `LIVE_EVALUATION_CACHE_BYTES` of the rows they hold (default 32 MiB), oldest out first.
 */
export const LIVE_EVALUATION_CACHE = 10_000;
export const LIVE_EVALUATION_CACHE_BYTES = liveEvaluationCacheBytesFromEnv();

/**
 * When the database cannot answer (down, restarting, out of connections), the listener retries the same events after
 * this delay, doubling per failure up to the maximum; a LISTEN connection coming back retries at once.
 */
export const LIVE_RETRY_MIN_MS = 100;
export const LIVE_RETRY_MAX_MS = 2_000;

/**
 * tRPC's SSE settings (initTRPC.create({ sse })). Pings every 15 s keep proxies and load balancers (often 60 s idle
 * timeouts) from closing quiet streams; the client reconnects when it hears nothing for 45 s (three missed pings).
 * Streams end after 5 minutes (LIVE_STREAM_MAX_SECONDS): the client reconnects at once with its last event id, which
 * re-checks its session and rules (a blocked user or a revoked token stops receiving within that bound) and
 * rebalances connections across instances.
 */
/**
 * How long a browser waits before reconnecting a live stream that ended (the SSE `retry:` field, see
 * stream-start.ts). Short, because every stream ends after `maxDurationMs` and events wait for the reconnect;
 * not zero, so a server that refuses connections is not hammered in a loop.
 */
export const LIVE_RECONNECT_DELAY_MS = 500;

/** That delay as the SSE field every live stream starts with. */
export const LIVE_RETRY_FIELD = `retry: ${LIVE_RECONNECT_DELAY_MS}\n\n`;

export const LIVE_SSE = {
  ping: { enabled: true, intervalMs: 15_000 },
  client: { reconnectAfterInactivityMs: 45_000 },
  maxDurationMs: liveStreamMaxSecondsFromEnv() * 1_000,
} as const;
