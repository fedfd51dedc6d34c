/**
 * A resource's list as CSV, as the caller sees it: the `list` rule (and `readDeleted` for deleted rows) refuses or
 * narrows the rows, field read rules blank the cells they hide, hidden fields are never columns. The header row is
 * the field names, so the file goes back in through the import. Produced page by page (keyset.ts), so memory stays
 * the same for ten rows or a million.
 */

import { stringify } from "csv-stringify/sync";
import { and, count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { authorize } from "../access";
import type { Actor } from "../actor";
import type { Executor } from "../executor";
import type { FieldConfig } from "../fields";
import { assertQueryableFields } from "../query-access";
import { listWhere } from "../read";
import type { AnyResource } from "../resource";
import { type CellFormat, cellFormat, toCell } from "./cells";
import { keysetPages } from "./keyset";
import { badParameter, type ExportParams } from "./params";

/**
 * Pages are sized by bytes, not rows: the next page holds about PAGE_BYTES of CSV at the size rows have had so far
 * (within PAGE_ROWS), so small rows take few round trips and rows of long text still hold a few MB at a time.
 */
export const PAGE_BYTES = 4 * 1024 * 1024;
export const PAGE_ROWS = { first: 500, min: 50, max: 10_000 };

class PageSizer {
  private rows = 0;
  private bytes = 0;
  constructor(private readonly fixed: number | undefined) {}
  next = (): number => {
    if (this.fixed) return this.fixed;
    if (this.rows === 0) return PAGE_ROWS.first;
    const perRow = Math.max(1, this.bytes / this.rows);
    return Math.max(PAGE_ROWS.min, Math.min(PAGE_ROWS.max, Math.floor(PAGE_BYTES / perRow)));
  };
  observe(rows: number, bytes: number): void {
    this.rows += rows;
    this.bytes += bytes;
  }
}

export interface CsvExport {
  /** The field names, in the header's order. */
  columns: string[];
  /** Rows the export will hold (as counted when it started). */
  rows: number;
  /** Rows the view holds, of which `limit` (or the maximum) are exported. */
  matched: number;
  /** The CSV text, header first, a page of rows per chunk. */
  chunks: AsyncGenerator<string>;
}

/** The columns of an export: every field the caller could read, in table order (hidden ones never). */
export function exportColumns(resource: AnyResource): { key: string; format: CellFormat }[] {
  const fields = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  return resource.info.readKeys.map((key) => ({
    key,
    format: cellFormat(resource.info.columns[key] as never, Boolean(fields[key]?.file)),
  }));
}

/** The row filter of a read, as `list` applies it (router.ts's readFilter): throws the rule's refusal. */
export function exportRowFilter(resource: AnyResource, actor: Actor, params: ExportParams) {
  return and(
    authorize(resource.access, "list", actor, resource.name),
    params.deleted && params.deleted !== "exclude"
      ? authorize(resource.access, "readDeleted", actor, resource.name)
      : undefined,
  );
}

/**
 * Checks the caller and the parameters, counts the rows, and returns the export ready to stream. More rows than
 * `maxRows` without a `limit` is a 400 naming `limit`: the caller narrows the view or asks for the first rows.
 */
export async function prepareCsvExport(
  db: Executor,
  resource: AnyResource,
  actor: Actor,
  params: ExportParams,
  maxRows: number,
  options: { pageSize?: number; truncate?: boolean } = {},
): Promise<CsvExport> {
  const rowFilter = exportRowFilter(resource, actor, params);
  assertQueryableFields(resource, actor, params);
  const where = listWhere(resource, { ...params, rowFilter });
  const [counted] = await db
    .select({ n: count() })
    .from(resource.table as PgTable)
    .where(where);
  const total = counted?.n ?? 0;
  if (total > maxRows && params.limit === undefined && !options.truncate) {
    const message = `The export would hold ${total} rows; at most ${maxRows} may be exported at once: filter the rows or give a limit`;
    throw badParameter({ limit: [message] });
  }
  const limit = Math.min(params.limit ?? maxRows, maxRows);
  const columns = exportColumns(resource);
  const sizer = new PageSizer(options.pageSize);
  const pages = keysetPages(db, resource, { ...params, rowFilter, pageSize: sizer.next, limit }, actor);
  return {
    columns: columns.map((c) => c.key),
    rows: Math.min(total, limit),
    matched: total,
    chunks: csvChunks(columns, pages, sizer),
  };
}

async function* csvChunks(
  columns: { key: string; format: CellFormat }[],
  pages: AsyncGenerator<Record<string, unknown>[]>,
  sizer: PageSizer,
): AsyncGenerator<string> {
  yield stringify([columns.map((c) => c.key)]);
  for await (const page of pages) {
    const text = stringify(page.map((row) => columns.map((c) => toCell(row[c.key], c.format))));
    // UTF-16 length: close enough to the bytes for sizing pages.
    sizer.observe(page.length, text.length);
    yield text;
  }
}
