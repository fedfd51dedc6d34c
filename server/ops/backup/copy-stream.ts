/**
 * COPY through postgres.js's streams, around two of its flaws that would hang a backup or a restore.
 *
 * `COPY ... FROM STDIN` fed from a stream, failing when PostgreSQL refuses the rows. postgres.js reports an error that
 * arrives after the last chunk (once its writable has sent CopyDone) only to the query, which had already resolved
 * with the writable: the writable then never finishes, and a restore would hang with its transaction aborted. The
 * query's `reject` is the one place the error still reaches, so it is watched here and raced against the stream.
 */
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

export async function copyIn(
  tx: postgres.TransactionSql,
  statement: string,
  source: AsyncIterable<Buffer>,
  through: NodeJS.ReadWriteStream,
  signal: AbortSignal | undefined,
): Promise<void> {
  const query = tx.unsafe(statement);
  let fail: (error: unknown) => void = () => {};
  const refused = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Only ever awaited through the race below; a refusal after the race has settled has nowhere else to go.
  refused.catch(() => {});
  const watched = query as unknown as { reject: (error: unknown) => void };
  const reject = watched.reject;
  watched.reject = (error) => {
    fail(error);
    reject(error);
  };
  const sink = (await query.writable()) as Writable;
  await Promise.race([pipeline(source, through, sink, { signal }), refused]);
}

/**
 * `COPY ... TO STDOUT` into `sinks` (a pipeline's later stages). postgres.js pauses the connection's socket when the
 * readable's buffer is full and resumes it only from the readable's `_read`; when the table's last rows and the end of
 * the COPY arrive in one chunk while the buffer is full, the readable ends without asking again, the socket stays
 * paused and the connection's next query never gets its answer (seen with a backup taken under load). Asking once
 * more after the end resumes it.
 */
export async function copyOut(
  tx: postgres.TransactionSql,
  statement: string,
  sinks: readonly (NodeJS.ReadWriteStream | NodeJS.WritableStream)[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const source = (await tx.unsafe(statement).readable()) as Readable;
  try {
    await (pipeline as (...streams: unknown[]) => Promise<void>)(source, ...sinks, { signal });
  } finally {
    source._read(0);
  }
}
