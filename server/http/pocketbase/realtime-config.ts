/**
 * The numbers of the PocketBase-shaped realtime API (docs/pocketbase.md, "Realtime") in one place. Stream lifetime,
 * keep-alive interval and buffer budget are the tRPC live streams' own (server/core/realtime/config.ts).
 */

/** The NOTIFY channel a POST wakes the instance holding the client's stream on (realtime-store.ts). */
export const REALTIME_CHANNEL = "atrium_pb_realtime";

/** Characters of a client id: PocketBase's length; 62 letters and digits each, so about 238 bits of chance. */
export const CLIENT_ID_LENGTH = 40;

/** The longest client id a POST may name before it is refused unread (PocketBase's bound). */
export const MAX_CLIENT_ID_LENGTH = 255;

/**
 * Topics one client may hold at once. PocketBase allows 1,000; every topic here is a subscriber of the instance's
 * live listener (an evaluation per event and audience), so a client gets the tenth of it any real page needs.
 */
export const MAX_TOPICS_PER_CLIENT = 100;

/** Characters of one topic with its `?options=` (PocketBase's bound). */
export const MAX_TOPIC_LENGTH = 2_500;

/** Streams one app instance keeps open; more wait for one to end (503 with Retry-After). */
export const MAX_CLIENTS_PER_INSTANCE = 10_000;

/** Seconds a client refused for the instance's cap is told to wait. */
export const CLIENTS_RETRY_AFTER_SECONDS = 10;

/** PocketBase's idle timeout: a stream that has sent no message for this long ends (keep-alives do not count). */
export const REALTIME_IDLE_MS = 5 * 60_000;

/** How long after its planned end a client's row counts as stale (a crashed instance never deleted it). */
export const ROW_GRACE_MS = 60_000;

/** How often an instance sweeps stale rows (on a stream's start, at most this often). */
export const SWEEP_EVERY_MS = 60_000;
