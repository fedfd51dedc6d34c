/**
 * An invariant a resource declares through its hooks: "at least one row like this must remain" (an active admin, an
 * owner of each workspace). Any write that takes the last such row away (update, batch update, revert, delete) is
 * refused inside its own transaction, so nothing is written.
 *
 * An update is checked in its after-hook, once applied in the transaction, so it counts exactly what would be
 * committed (earlier items of the same batch included). A delete is checked before it runs, counting the others, so
 * its refusal is this rule's message rather than whatever the DELETE would hit first (a foreign key, say).
 *
 * A transaction-scoped advisory lock, taken only by writes that remove a counted row, serialises those writes: the
 * second of two concurrent demotions counts after the first has committed (READ COMMITTED, the engine's isolation:
 * each statement sees what committed before it), so they cannot both see "one other remains" and leave none.
 */
import { TRPCError } from "@trpc/server";
import { and, count, getTableColumns, type InferSelectModel, ne, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { FieldError } from "../trpc";
import type { Transaction } from "./executor";
import type { ResourceHooks } from "./hooks";

export interface KeepAtLeastOne<T extends PgTable> {
  /** Names the advisory lock: writes guarding the same rows share it. */
  lock: string;
  table: T;
  /** The primary key, to leave the row being deleted out of the count. */
  key: keyof InferSelectModel<T> & string;
  /** The rows that count, as SQL (for counting what remains)... */
  where: SQL | undefined;
  /** ...and the same test on a row in memory (to know whether this write takes one away). */
  counts: (row: InferSelectModel<T>) => boolean;
  /** Shown on the fields the refused write changed (the first of `fields` for a delete). */
  message: string;
  fields: readonly [keyof InferSelectModel<T> & string, ...(keyof InferSelectModel<T> & string)[]];
}

const DEADLOCK = "40P01";

function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function refuse(message: string, fields: readonly string[]): never {
  const fieldErrors = Object.fromEntries(fields.map((f) => [f, [message]]));
  throw new TRPCError({ code: "CONFLICT", message, cause: new FieldError(message, fieldErrors) });
}

/** Hooks to spread into a resource's `hooks` (compose with its own by calling these from them). */
export function keepAtLeastOne<T extends PgTable>(
  rule: KeepAtLeastOne<T>,
): Required<Pick<ResourceHooks<T>, "afterUpdate" | "beforeDelete">> {
  const keyColumn = (getTableColumns(rule.table) as Record<string, PgColumn>)[rule.key] as PgColumn;

  async function remaining(tx: Transaction, fields: readonly string[], except?: unknown): Promise<number> {
    try {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${rule.lock}, 0))`);
    } catch (error) {
      // Two batches removing rows in opposite orders can wait on each other; PostgreSQL aborts one of them.
      if (sqlState(error) === DEADLOCK) refuse("Another change to the same records is in progress; try again", fields);
      throw error;
    }
    const [row] = await tx
      .select({ n: count() })
      .from(rule.table as PgTable)
      .where(except === undefined ? rule.where : and(rule.where, ne(keyColumn, except)));
    return row?.n ?? 0;
  }

  return {
    afterUpdate: async ({ record, old, tx }) => {
      if (!rule.counts(old) || rule.counts(record)) return;
      const changed = rule.fields.filter((f) => record[f] !== old[f]);
      const fields = changed.length > 0 ? changed : [rule.fields[0]];
      if ((await remaining(tx, fields)) === 0) refuse(rule.message, fields);
    },
    beforeDelete: async ({ old, tx }) => {
      if (!rule.counts(old)) return;
      if ((await remaining(tx, [rule.fields[0]], old[rule.key])) === 0) refuse(rule.message, [rule.fields[0]]);
    },
  };
}
