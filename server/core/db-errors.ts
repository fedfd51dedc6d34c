/**
 * Turns PostgreSQL constraint violations into typed client errors with field messages, so bad input is never a 500.
 * The engine calls this around every write; a hand-written procedure may too.
 */
import { TRPCError } from "@trpc/server";
import { getTableColumns, type Table } from "drizzle-orm";
import { FieldError } from "./errors";

interface PgErrorLike {
  code: string;
  detail?: string;
  column_name?: string;
  constraint_name?: string;
}

function pgErrorOf(error: unknown): PgErrorLike | undefined {
  // Drizzle wraps driver errors (DrizzleQueryError.cause); postgres.js errors carry the SQLSTATE in `code`.
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === "object" && e !== null && typeof (e as PgErrorLike).code === "string") {
      const code = (e as PgErrorLike).code;
      if (/^[0-9A-Z]{5}$/.test(code)) return e as PgErrorLike;
    }
  }
  return undefined;
}

/** SQL column name -> the table's TypeScript key (author_id -> authorId). */
function fieldName(table: Table | undefined, column: string): string {
  if (!table) return column;
  for (const [key, col] of Object.entries(getTableColumns(table))) if (col.name === column) return key;
  return column;
}

/** `Key (slug)=(hello) already exists.` -> ["slug"]; `Key (a, b)=(...)` -> ["a", "b"]. */
function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \(([^)]+)\)=/);
  return match?.[1] ? match[1].split(",").map((c) => c.trim().replace(/^"|"$/g, "")) : [];
}

/** Returns a TRPCError for a known constraint violation, or undefined so the caller rethrows the original. */
export function mapDatabaseError(
  error: unknown,
  table?: Table,
  op: "write" | "delete" = "write",
): TRPCError | undefined {
  const pg = pgErrorOf(error);
  if (!pg) return undefined;
  const fields = (pg.column_name ? [pg.column_name] : columnsFromDetail(pg.detail)).map((c) => fieldName(table, c));
  const field = fields[0] ?? "_form";
  const fieldErrorsFor = (message: string) =>
    fields.length > 0 ? Object.fromEntries(fields.map((f) => [f, [message]])) : { _form: [message] };
  switch (pg.code) {
    case "23505": {
      const message = `${field} is already taken`;
      return new TRPCError({ code: "CONFLICT", message, cause: new FieldError(message, fieldErrorsFor(message)) });
    }
    case "23001": // restrict_violation: ON DELETE RESTRICT
    case "23503": {
      if (op === "delete" || pg.code === "23001") {
        const message = "This record is still referenced by other records; delete or reassign those first";
        return new TRPCError({ code: "CONFLICT", message, cause: new FieldError(message, { _form: [message] }) });
      }
      const message = `${field} refers to a record that does not exist`;
      return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, fieldErrorsFor(message)) });
    }
    case "23502": {
      const message = `${field} is required`;
      return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, fieldErrorsFor(message)) });
    }
    case "23514":
    case "22001":
    case "22P02":
    case "22007":
    case "22003":
    case "22008": // datetime out of range
    case "22021": // a byte sequence the database's encoding refuses (NUL)
    case "22P05": {
      const subject = fields.length > 0 ? field : "A value";
      const message = pg.code === "23514" ? `${subject} is not allowed` : `${subject} is invalid or out of range`;
      return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, fieldErrorsFor(message)) });
    }
    case "40P01": // deadlock_detected
    case "40001": {
      // serialization_failure: two writes crossed over the same rows; nothing was written, a retry will do.
      const message = "Another change to the same records is in progress; try again";
      return new TRPCError({ code: "CONFLICT", message, cause: new FieldError(message, { _form: [message] }) });
    }
    default:
      return undefined;
  }
}

/** Runs a write and rethrows constraint violations as typed field errors. */
export async function withFieldErrors<T>(table: Table, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw mapDatabaseError(error, table) ?? error;
  }
}
