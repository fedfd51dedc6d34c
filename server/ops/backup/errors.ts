/**
 * A backup or restore that is refused for a reason the operator can act on: a corrupted or truncated archive, a
 * manifest that does not add up, a backup from newer code. Its message is written for them (the command line and the
 * admin show it as is); anything else that goes wrong is reported as a failure without internal detail.
 */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefusedError";
  }
}

/** The words an operator sees for any failure: a refusal's own message, otherwise a short generic one. */
export function describeFailure(error: unknown, what: string): string {
  if (error instanceof BackupRefusedError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  // Permission problems are the operator's to fix, and PostgreSQL's words for them name nothing secret.
  if (code === "42501") return `${what} failed: the database user lacks a privilege (${(error as Error).message}).`;
  if (code === "55P03") return `${what} failed: other sessions held the tables too long; try again when it is quieter.`;
  return `${what} failed: ${error instanceof Error ? error.message.slice(0, 300) : "unknown error"}.`;
}
