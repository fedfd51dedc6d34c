/**
 * Settings the e2e server (./server.ts) starts with that a spec also needs to know, kept here so the two agree.
 */

/**
 * How long the server remembers a list's estimated total (server/core/estimate-memo.ts; 10 s by default). The
 * estimated-totals spec waits it out after removing its rows, so the specs after it see exact totals again: a second
 * instead of ten.
 */
export const E2E_ESTIMATE_TTL_MS = 1_000;
