/**
 * The NOTIFY channel of the `bench:live` baseline, apart from live-hub.ts so the bench process (which must not load
 * "server-only" modules) names the same channel the hub LISTENs on. Not the engine's channel (`atrium_live`).
 */
export const BENCH_LIVE_CHANNEL = "atrium_bench_live";
