/**
 * Turns PostgreSQL constraint violations into typed client errors with field messages, so bad input is never a 500.
 * The engine calls this around every write; a hand-written procedure may too.
 */
import { TRPCError } from "@trpc/server";
import { getTableColumns, is, Table } from "drizzle-orm";
import { checkColumns } from "./check-columns";
import { FieldError, humanizeKey } from "./errors";

/**
 * A table and what its definition says about its fields (a resource is one), so messages name fields by their
 * labels ("Slug is already taken"), not by their keys.
 */
export interface LabelledTable {
  table: Table;
  fields?: { [key: string]: { label?: string } | undefined } | undefined;
}

interface PgErrorLike {
  code: string;
  detail?: string;
  column_name?: string;
  constraint_name?: string;
  routine?: string;
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

/** One sentence about the fields a violation names: `Slug is …`, `Name and Slug are …`, or about a value. */
function subject(labels: string[], fallback: string): { text: string; verb: "is" | "are" } {
  if (labels.length === 0) return { text: fallback, verb: "is" };
  return { text: labels.join(" and "), verb: labels.length > 1 ? "are" : "is" };
}

/**
 * Returns a TRPCError for a known constraint violation, or undefined so the caller rethrows the original. Field
 * errors are keyed by field (`slug`, or `_form` when PostgreSQL names no column); messages use labels, never keys.
 */
export function mapDatabaseError(
  error: unknown,
  source?: Table | LabelledTable,
  op: "write" | "delete" = "write",
): TRPCError | undefined {
  const pg = pgErrorOf(error);
  if (!pg) return undefined;
  const table = source === undefined ? undefined : is(source, Table) ? source : source.table;
  const configs = source !== undefined && !is(source, Table) ? source.fields : undefined;
  const named = pg.column_name ? [pg.column_name] : columnsFromDetail(pg.detail);
  // A CHECK names only its constraint: the table's definition says which columns it reads.
  const checked = pg.code === "23514" && table && pg.constraint_name ? checkColumns(table, pg.constraint_name) : [];
  const fields = (named.length > 0 ? named : checked).map((c) => fieldName(table, c));
  const labels = fields.map((f) => configs?.[f]?.label ?? humanizeKey(f));
  const refuse = (code: "BAD_REQUEST" | "CONFLICT", message: string, onForm = fields.length === 0) => {
    const fieldErrors = onForm ? { _form: [message] } : Object.fromEntries(fields.map((f) => [f, [message]]));
    return new TRPCError({ code, message, cause: new FieldError(message, fieldErrors) });
  };
  switch (pg.code) {
    case "23505": {
      const { text, verb } = subject(labels, "A record with these values");
      return refuse("CONFLICT", `${text} ${verb === "are" ? "are already taken together" : "is already taken"}`);
    }
    case "23001": // restrict_violation: ON DELETE RESTRICT
    case "23503": {
      if (op === "delete" || pg.code === "23001") {
        return refuse(
          "CONFLICT",
          "This record is still referenced by other records; delete or reassign those first",
          true,
        );
      }
      const { text, verb } = subject(labels, "A linked record");
      return refuse(
        "BAD_REQUEST",
        labels.length > 0
          ? `${text} ${verb === "are" ? "refer" : "refers"} to a record that does not exist`
          : `${text} does not exist`,
      );
    }
    case "23502": {
      const { text, verb } = subject(labels, "A required value");
      return refuse("BAD_REQUEST", labels.length > 0 ? `${text} ${verb} required` : `${text} is missing`);
    }
    case "23514":
    case "22001":
    case "22P02":
    case "22007":
    case "22003":
    case "22008": // datetime out of range
    case "22021": // a byte sequence the database's encoding refuses (NUL)
    case "22P05": {
      const { text, verb } = subject(labels, "A value");
      return refuse(
        "BAD_REQUEST",
        pg.code === "23514" ? `${text} ${verb} not allowed` : `${text} ${verb} invalid or out of range`,
      );
    }
    case "40P01": // deadlock_detected
    case "40001": {
      // serialization_failure: two writes crossed over the same rows; nothing was written, a retry will do.
      return refuse("CONFLICT", "Another change to the same records is in progress; try again", true);
    }
    case "0A000": {
      // "cached plan must not change result type": a migration changed a column's type under a prepared statement
      // (a create's, decision 031). Inside a transaction it cannot be prepared again and retried; nothing was written,
      // and the next try prepares it anew.
      if (pg.routine !== "RevalidateCachedQuery") return undefined;
      return refuse("CONFLICT", "The table changed while this was being written; try again", true);
    }
    default:
      return undefined;
  }
}

/** Runs a write and rethrows constraint violations as typed field errors. */
export async function withFieldErrors<T>(source: Table | LabelledTable, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw mapDatabaseError(error, source) ?? error;
  }
}
