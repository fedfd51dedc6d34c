/**
 * Bench-only switch: `npm run bench:list` sets ATRIUM_BENCH=1 on the `next start` it drives. It is deliberately not
 * part of env.ts, because it is no app setting: a normal deployment never sets it, and the bench route then 404s.
 */
export function benchEnabled(): boolean {
  return process.env.ATRIUM_BENCH === "1";
}
