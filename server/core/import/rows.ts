/**
 * CSV rows into a resource, one row at a time through the engine's own create: the create schema and rules, field
 * write rules, defaults, hooks, the rule's check, audit, live events and webhooks, each row in its own transaction
 * (a savepoint when the call already runs in one), so a refused row never takes the good ones with it.
 *
 * A row arrives as `{ field: cell text }` (the columns already mapped to fields). `checkRows` says what would be
 * refused without writing anything (the schema and the field write rules; what only the database or a hook can tell,
 * a duplicate say, shows at import); `importRows` writes.
 */
import { TRPCError } from "@trpc/server";
import { ZodError, type z } from "zod";
import { authorize } from "../access";
import type { Actor } from "../actor";
import { FieldError, type FieldErrors, type FieldLabels, summarizeFieldErrors, zodFieldErrors } from "../errors";
import type { Registry } from "../expand";
import { checkFieldWrites } from "../field-access";
import type { FieldConfig } from "../fields";
import { fieldLabels } from "../input-errors";
import { buildInputs } from "../inputs";
import type { AnyResource } from "../resource";
import { createRecord, type Writer } from "../write";
import { fromCell } from "./cells";

type Rec = Record<string, unknown>;

/** One row's outcome; `row` is its number as a spreadsheet shows it (the header is row 1). */
export type RowOutcome =
  | { row: number; ok: true; id?: string }
  | { row: number; ok: false; message: string; fieldErrors: FieldErrors };

export interface ImportBatch {
  /** The spreadsheet row number of `rows[0]` (2 for the first row after the header). */
  firstRow: number;
  rows: Record<string, string>[];
}

/** The fields a CSV column may fill: those a create takes, but files (uploaded, not typed) and relation lists. */
export function importableFields(resource: AnyResource): string[] {
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  return resource.info.createKeys.filter((key) => !fields[key]?.file);
}

const schemas = new WeakMap<AnyResource, { create: z.ZodType; labels: FieldLabels }>();

function schemasOf(resource: AnyResource, registry: Registry) {
  let found = schemas.get(resource);
  if (!found) {
    found = { create: buildInputs(resource, registry).create, labels: fieldLabels(resource) };
    schemas.set(resource, found);
  }
  return found;
}

/** Refuses (400, naming it) a column mapped to a field that cannot be imported: the caller's mistake, not a row's. */
function assertImportable(resource: AnyResource, batch: ImportBatch): void {
  const allowed = new Set(importableFields(resource));
  for (const [i, row] of batch.rows.entries()) {
    for (const key of Object.keys(row)) {
      if (allowed.has(key)) continue;
      const message = `${key} cannot be imported into ${resource.name} (importable: ${[...allowed].join(", ")})`;
      throw new TRPCError({
        code: "BAD_REQUEST",
        message,
        cause: new FieldError(message, { [`rows.${i}.${key}`]: [message] }),
      });
    }
  }
}

function refused(row: number, fieldErrors: FieldErrors, labels: FieldLabels): RowOutcome {
  return { row, ok: false, message: summarizeFieldErrors(fieldErrors, labels), fieldErrors };
}

/** The row as the create schema reads it, or its refusal. */
function parseRow(resource: AnyResource, registry: Registry, cells: Record<string, string>, row: number) {
  const { create, labels } = schemasOf(resource, registry);
  const data: Rec = {};
  const errors: FieldErrors = {};
  for (const [key, text] of Object.entries(cells)) {
    const cell = fromCell(resource.info.columns[key] as never, labels[key] ?? key, text);
    if ("error" in cell) errors[key] = [cell.error];
    else if ("value" in cell) data[key] = cell.value;
  }
  if (Object.keys(errors).length > 0) return { outcome: refused(row, errors, labels) };
  const parsed = create.safeParse(data);
  if (!parsed.success) return { outcome: refused(row, zodFieldErrors(parsed.error, { labels }), labels) };
  return { data: parsed.data as Rec };
}

/** A refusal the engine answered for this row; anything else (the database down, a bug) ends the batch. */
function rowRefusal(error: unknown, row: number, labels: FieldLabels): RowOutcome {
  if (error instanceof ZodError) return refused(row, zodFieldErrors(error, { labels }), labels);
  if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE") {
    throw error;
  }
  const fieldErrors = error.cause instanceof FieldError ? error.cause.fieldErrors : {};
  return { row, ok: false, message: error.message, fieldErrors };
}

/** What importing these rows would refuse, without writing. Throws when the caller may not create at all. */
export function checkRows(resource: AnyResource, registry: Registry, actor: Actor, batch: ImportBatch): RowOutcome[] {
  authorize(resource.access, "create", actor, resource.name);
  assertImportable(resource, batch);
  const { labels } = schemasOf(resource, registry);
  return batch.rows.map((cells, i) => {
    const row = batch.firstRow + i;
    const parsed = parseRow(resource, registry, cells, row);
    if (parsed.outcome) return parsed.outcome;
    try {
      checkFieldWrites(resource, parsed.data, actor, undefined);
      return { row, ok: true };
    } catch (error) {
      return rowRefusal(error, row, labels);
    }
  });
}

/** Creates each row through the engine, one transaction each; returns every row's outcome, in order. */
export async function importRows(writer: Writer, resource: AnyResource, batch: ImportBatch): Promise<RowOutcome[]> {
  authorize(resource.access, "create", writer.actor, resource.name);
  assertImportable(resource, batch);
  const { labels } = schemasOf(resource, writer.registry);
  const outcomes: RowOutcome[] = [];
  for (const [i, cells] of batch.rows.entries()) {
    const row = batch.firstRow + i;
    const parsed = parseRow(resource, writer.registry, cells, row);
    if (parsed.outcome) {
      outcomes.push(parsed.outcome);
      continue;
    }
    try {
      const created = await createRecord(writer, resource, parsed.data);
      const id = created[resource.info.idKey];
      outcomes.push({ row, ok: true, ...(id !== undefined ? { id: String(id) } : {}) });
    } catch (error) {
      outcomes.push(rowRefusal(error, row, labels));
    }
  }
  return outcomes;
}
