/**
 * Where every box and line goes. Tables joined by a line are laid out by dagre, left to right (a referenced table
 * left of the tables that reference it); tables with no line at all would only stretch dagre's first rank into one
 * very tall column, so they are set in rows below it instead. dagre has no randomness: nodes and edges are added in
 * the model's sorted order, so the same schema is laid out the same way every time.
 */
import { layout as dagreLayout, graphlib, type Point } from "@dagrejs/dagre";
import { type Box, FONT, tableBox } from "./box";
import type { DiagramEdge } from "./edges";
import type { DiagramTable } from "./model";
import { textWidth } from "./text";

export const MARGIN = 24;
const ROW_GAP = 24;
const COLUMN_GAP = 24;
const MIN_ROW_WIDTH = 960;
const LABEL_HEIGHT = 14;

export interface PlacedBox {
  table: DiagramTable;
  box: Box;
  /** The top-left corner. */
  x: number;
  y: number;
}

export interface PlacedEdge {
  edge: DiagramEdge;
  points: Point[];
  label: Point;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: PlacedBox[];
  edges: PlacedEdge[];
  /** Where the rows of unconnected tables begin, when there are any. */
  unconnectedTop: number | null;
}

interface EdgeLabel {
  width: number;
  height: number;
  labelpos: "c";
  points?: Point[];
  x?: number;
  y?: number;
}

function layoutConnected(tables: DiagramTable[], edges: DiagramEdge[]) {
  const graph = new graphlib.Graph<object, { width: number; height: number; x?: number; y?: number }, EdgeLabel>({
    multigraph: true,
  });
  graph.setGraph({ rankdir: "LR", align: "UL", nodesep: 28, ranksep: 110, edgesep: 14, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({ width: 0, height: 0, labelpos: "c" }));
  // dagre's own ids, not the table names: graphlib joins ids with control characters, which a name may contain.
  const nodeIds = new Map(tables.map((table, i) => [table.id, `n${i}`]));
  const node = (tableId: string) => nodeIds.get(tableId) as string;
  const boxes = tables.map(tableBox);
  boxes.forEach((box, i) => {
    graph.setNode(`n${i}`, { width: box.width, height: box.height });
  });
  edges.forEach((edge, i) => {
    graph.setEdge(
      node(edge.v),
      node(edge.w),
      { width: Math.ceil(textWidth(edge.label, FONT.label)) + 8, height: LABEL_HEIGHT, labelpos: "c" },
      `e${i}`,
    );
  });
  dagreLayout(graph);
  const placed: PlacedBox[] = tables.map((table, i) => {
    const box = boxes[i] as Box;
    const { x = 0, y = 0 } = graph.node(`n${i}`);
    return { table, box, x: x - box.width / 2, y: y - box.height / 2 };
  });
  const lines: PlacedEdge[] = edges.map((edge, i) => {
    const label = graph.edge(node(edge.v), node(edge.w), `e${i}`);
    return { edge, points: label.points ?? [], label: { x: label.x ?? 0, y: label.y ?? 0 } };
  });
  const size = graph.graph() as { width?: number; height?: number };
  return { placed, lines, width: size.width ?? 0, height: size.height ?? 0 };
}

/** Rows of boxes, left to right, wrapping at `maxWidth`. */
function layoutRows(tables: DiagramTable[], top: number, maxWidth: number) {
  const placed: PlacedBox[] = [];
  let x = 0;
  let y = top;
  let rowHeight = 0;
  let width = 0;
  for (const table of tables) {
    const box = tableBox(table);
    if (x > 0 && x + box.width > maxWidth) {
      x = 0;
      y += rowHeight + ROW_GAP;
      rowHeight = 0;
    }
    placed.push({ table, box, x, y });
    x += box.width + COLUMN_GAP;
    width = Math.max(width, x - COLUMN_GAP);
    rowHeight = Math.max(rowHeight, box.height);
  }
  return { placed, width, bottom: y + rowHeight };
}

export function layoutDiagram(tables: DiagramTable[], edges: DiagramEdge[]): DiagramLayout {
  const joined = new Set(edges.flatMap((e) => [e.v, e.w]));
  const connected = layoutConnected(
    tables.filter((t) => joined.has(t.id)),
    edges,
  );
  const alone = tables.filter((t) => !joined.has(t.id));
  // Room above the rows for their heading.
  const top = connected.height > 0 ? connected.height + 2 * ROW_GAP : ROW_GAP;
  const rows = layoutRows(alone, top, Math.max(MIN_ROW_WIDTH, connected.width));
  const shift = (p: Point) => ({ x: p.x + MARGIN, y: p.y + MARGIN });
  const boxes = [...connected.placed, ...rows.placed].map((b) => ({ ...b, x: b.x + MARGIN, y: b.y + MARGIN }));
  return {
    width: Math.ceil(Math.max(connected.width, rows.width) + 2 * MARGIN),
    height: Math.ceil((alone.length > 0 ? rows.bottom : connected.height) + 2 * MARGIN),
    boxes,
    edges: connected.lines.map((l) => ({ edge: l.edge, points: l.points.map(shift), label: shift(l.label) })),
    unconnectedTop: alone.length > 0 ? top + MARGIN : null,
  };
}
