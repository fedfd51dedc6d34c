/**
 * A dry run: the whole restore, checks included, into a scratch database made for it and dropped after, so the live
 * data is never touched. Making a database needs the CREATEDB privilege (the embedded server's user is a superuser);
 * without it the dry run is refused with that reason, and the live restore still verifies the archive and runs the
 * same checks inside its own transaction, rolling back if one fails.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { VerifiedArchive } from "./archive";
import { BackupRefusedError } from "./errors";
import { type RestoreReport, restoreArchive } from "./restore";

/** The same server and credentials, another database. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function dryRun(
  url: string,
  file: string,
  options: { expectedSha256: string | null; signal?: AbortSignal },
  verified?: VerifiedArchive,
): Promise<RestoreReport> {
  const name = `atrium_dry_run_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "atrium-dry-run" } });
  try {
    // The live database's encoding and collation, so text sorts (and so checksums) as they would there.
    const [live] = await admin<{ encoding: string; collate: string; ctype: string }[]>`
      select pg_encoding_to_char(encoding) as encoding, datcollate as collate, datctype as ctype
      from pg_database where datname = current_database()`;
    try {
      await admin.unsafe(
        `create database ${name} template template0 encoding '${live?.encoding ?? "UTF8"}'` +
          (live
            ? ` lc_collate '${live.collate.replaceAll("'", "''")}' lc_ctype '${live.ctype.replaceAll("'", "''")}'`
            : ""),
      );
    } catch (error) {
      if ((error as { code?: string }).code === "42501") {
        throw new BackupRefusedError(
          "A dry run restores into a scratch database, and this database user may not create databases (it needs CREATEDB). Grant it, or verify the archive instead: a restore runs the same checks and rolls back if one fails.",
        );
      }
      throw error;
    }
    try {
      return await restoreArchive(
        withDatabase(url, name),
        file,
        {
          target: "scratch",
          expectedSha256: options.expectedSha256,
          commit: false,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        verified,
      );
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}
