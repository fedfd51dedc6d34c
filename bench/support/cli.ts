/**
 * What a bench's entry script does like every other: read its flags or exit 2 with the usage, print its progress
 * lines, and tear down what it started when an error escapes (a stray rejection in a callback) rather than leave a
 * server and a PostgreSQL running.
 */

export const say = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

/** The flags `read` returns; when it throws, its message and the usage, then exit 2. */
export function flagsOrExit<T>(read: () => T, usage: string): T {
  try {
    return read();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

/** An uncaught exception or unhandled rejection: printed (unless already cleaning up), `cleanup`, exit 1. */
export function cleanUpOnEscape(cleanup: () => Promise<void>, cleaning: () => boolean): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (error: unknown) => {
      if (!cleaning()) console.error(`\x1b[31m[bench]\x1b[0m ${error instanceof Error ? error.stack : String(error)}`);
      void cleanup().finally(() => process.exit(1));
    });
  }
}
