/**
 * One table's box: its size and where each piece of text goes, from the text widths alone (see text.ts), so layout
 * needs no browser. Long names are cut and long tables show their first rows; the text alternative has it all.
 */
import type { DiagramColumn, DiagramTable } from "./model";
import { textWidth, truncate } from "./text";

export const FONT = { title: 13, subtitle: 11, row: 12, label: 11 } as const;
const HEADER = 26;
const SUBTITLE = 16;
export const ROW = 18;
const PAD_X = 10;
const PAD_BOTTOM = 6;
const GAP = 14;
const MIN_WIDTH = 140;
/** Rows a box shows; the rest are counted in a last row. */
export const MAX_ROWS = 40;
/** Cells of a table name, a column name, a type. */
const MAX_NAME = 40;
const MAX_TYPE = 24;

export interface BoxRow {
  keys: string;
  name: string;
  type: string;
  nullable: boolean;
}

export interface Box {
  width: number;
  height: number;
  title: string;
  subtitle: string | null;
  /** Where the header ends and the rows begin. */
  headerHeight: number;
  rows: BoxRow[];
  /** Columns not shown. */
  more: number;
  /** x of each text column, from the box's left edge. */
  x: { keys: number; name: number; type: number; nullable: number };
}

/** The key markers of a column: PK primary key, FK foreign key, UQ unique. */
export function keyMarkers(column: DiagramColumn): string {
  return [column.primaryKey && "PK", column.foreignKey && "FK", column.unique && "UQ"].filter(Boolean).join(" ");
}

export function resourceLine(table: DiagramTable): string | null {
  if (table.resources.length === 0) return null;
  return `resource: ${table.resources.map((r) => (r.label === r.name ? r.name : `${r.label} (${r.name})`)).join(", ")}`;
}

export function tableBox(table: DiagramTable): Box {
  const rows: BoxRow[] = table.columns.slice(0, MAX_ROWS).map((column) => ({
    keys: keyMarkers(column),
    name: truncate(column.name, MAX_NAME),
    type: truncate(column.type, MAX_TYPE),
    nullable: column.nullable,
  }));
  const more = table.columns.length - rows.length;
  const title = truncate(table.id, MAX_NAME);
  const resources = resourceLine(table);
  const subtitle = resources === null ? null : truncate(resources, MAX_NAME + 12);

  const widest = (texts: string[], size: number) => Math.max(0, ...texts.map((t) => textWidth(t, size)));
  const keysWidth = widest(
    rows.map((r) => r.keys),
    FONT.row,
  );
  const nameWidth = widest(
    rows.map((r) => r.name),
    FONT.row,
  );
  const typeWidth = widest(
    rows.map((r) => r.type),
    FONT.row,
  );
  const anyNullable = rows.some((r) => r.nullable);
  const x = { keys: PAD_X, name: 0, type: 0, nullable: 0 };
  x.name = x.keys + (keysWidth > 0 ? keysWidth + GAP : 0);
  x.type = x.name + nameWidth + GAP;
  x.nullable = x.type + typeWidth + GAP;
  const rowsWidth = (anyNullable ? x.nullable + textWidth("null", FONT.row) : x.type + typeWidth) + PAD_X;
  const moreText = more > 0 ? textWidth(`… ${more} more columns`, FONT.row) + 2 * PAD_X : 0;
  const width = Math.ceil(
    Math.max(
      MIN_WIDTH,
      rowsWidth,
      moreText,
      textWidth(title, FONT.title) + 2 * PAD_X,
      subtitle === null ? 0 : textWidth(subtitle, FONT.subtitle) + 2 * PAD_X,
    ),
  );
  const headerHeight = HEADER + (subtitle === null ? 0 : SUBTITLE);
  const height = headerHeight + (rows.length + (more > 0 ? 1 : 0)) * ROW + PAD_BOTTOM;
  return { width, height, title, subtitle, headerHeight, rows, more, x };
}
