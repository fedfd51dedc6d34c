/**
 * `csvImport.check` and `csvImport.run`: the import's server side. The browser parses the file (papaparse), maps its
 * columns to fields, and sends the rows in batches of at most IMPORT_BATCH_ROWS as `{ field: cell text }`; each
 * batch is checked (nothing written) or imported row by row through the engine (server/core/import/rows.ts). Batches
 * keep every call under the API's body limit and rate limits, and let the page show progress.
 *
 * Refused outright: anonymous callers, read-only API tokens (these are mutations), callers the resource's `create`
 * rule refuses, rows numbered past IMPORT_MAX_ROWS, and columns mapped to fields that cannot be imported.
 */
import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { csvFromEnv } from "@/env";
import { checkRows, type ImportBatch, importRows } from "@/server/core/import/rows";
import type { AnyResource } from "@/server/core/resource";
import { resources } from "@/server/resources";
import { router, userProcedure } from "@/server/trpc";

/** Rows per call (the page also keeps each call under about 512 KB: components/admin/import/batches.ts). */
export const IMPORT_BATCH_ROWS = 100;
/** The longest cell: the engine's longest text rule (a post's body) with room to spare. */
const MAX_CELL = 200_000;

const registry = resources as Record<string, AnyResource>;

const batchInput = z
  .object({
    resource: z.string().regex(/^[A-Za-z_$][\w$]{0,99}$/, "resource must be a resource's name"),
    firstRow: z.number().int().min(2, "firstRow must be at least 2 (row 1 is the header)"),
    rows: z
      .array(
        z.record(
          z.string().regex(/^[A-Za-z_$][\w$]{0,99}$/, "Each column must be mapped to a field name"),
          z.string().max(MAX_CELL, `A cell may hold at most ${MAX_CELL} characters`),
        ),
      )
      .min(1, "Send at least one row")
      .max(IMPORT_BATCH_ROWS, `Send at most ${IMPORT_BATCH_ROWS} rows at a time`),
  })
  .strict();

function target(input: z.infer<typeof batchInput>): { resource: AnyResource; batch: ImportBatch } {
  const resource = Object.hasOwn(registry, input.resource) ? registry[input.resource] : undefined;
  if (!resource) throw new TRPCError({ code: "NOT_FOUND", message: "There is no such resource." });
  const { IMPORT_MAX_ROWS } = csvFromEnv();
  const last = input.firstRow + input.rows.length - 1;
  // Row 1 is the header: the file's data rows are 2 .. IMPORT_MAX_ROWS + 1.
  if (last > IMPORT_MAX_ROWS + 1) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `An import may hold at most ${IMPORT_MAX_ROWS} rows (IMPORT_MAX_ROWS)`,
    });
  }
  return { resource, batch: { firstRow: input.firstRow, rows: input.rows } };
}

export const csvImportRouter = router({
  /** Each row's outcome were it imported now, as far as the schema and rules can tell; writes nothing. */
  check: userProcedure.input(batchInput).mutation(({ ctx, input }) => {
    const { resource, batch } = target(input);
    return { rows: checkRows(resource, registry, ctx.actor, batch) };
  }),

  /** Imports the rows, each on its own; every row's outcome in order (`id` of the created record, or the refusal). */
  run: userProcedure.input(batchInput).mutation(async ({ ctx, input }) => {
    const { resource, batch } = target(input);
    const writer = { db: ctx.db, actor: ctx.actor, requestId: ctx.requestId, registry };
    return { rows: await importRows(writer, resource, batch) };
  }),
});
