/**
 * The diagram as SVG text. Every piece of text goes through escapeXml; nothing refers outside the file (no scripts,
 * no links, no fonts, no images), so the file is inert wherever it is opened. Colours come from one <style>: in the
 * page they read CSS variables the page's theme sets (light or dark), with the light palette as fallback; the
 * downloaded file has the light palette written out, on a white background, for viewers without CSS variables.
 */
import { FONT, ROW } from "./box";
import { type DiagramLayout, MARGIN, type PlacedBox, type PlacedEdge } from "./layout";
import type { Cardinality } from "./model";
import { textWidth } from "./text";
import { escapeXml } from "./xml";

export type SvgMode = "page" | "file";

export interface SvgOptions {
  mode: SvgMode;
  /** The diagram's accessible name. */
  title: string;
  /** Its accessible description: what it shows, in a sentence or two. */
  description: string;
}

/** The light palette; the page overrides each with `--erd-<name>` (see app/admin/schema). */
export const PALETTE = {
  fg: "#18181b",
  muted: "#52525b",
  bg: "#ffffff",
  box: "#ffffff",
  head: "#f4f4f5",
  border: "#71717a",
  line: "#52525b",
  accent: "#6d28d9",
  key: "#92400e",
} as const;
type Colour = keyof typeof PALETTE;

export const LEGEND_HEIGHT = 36;

const n = (value: number) => String(Math.round(value * 10) / 10);
const attr = (name: string, value: string | number) =>
  ` ${name}="${typeof value === "number" ? n(value) : escapeXml(value)}"`;

function style(mode: SvgMode): string {
  const c = (name: Colour) => (mode === "page" ? `var(--erd-${name},${PALETTE[name]})` : PALETTE[name]);
  // Every selector starts at .erd: in the page the SVG is inline, and a <style> there applies to the whole document.
  return [
    `.erd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:${FONT.row}px;fill:${c("fg")}}`,
    `.erd .erd-bg{fill:${c("bg")}}`,
    `.erd .erd-box{fill:${c("box")}}`,
    `.erd .erd-head{fill:${c("head")}}`,
    `.erd .erd-border{fill:none;stroke:${c("border")};stroke-width:1}`,
    `.erd .erd-title{font-size:${FONT.title}px;font-weight:700}`,
    `.erd .erd-sub,.erd .erd-type,.erd .erd-null,.erd .erd-more,.erd .erd-note{fill:${c("muted")}}`,
    `.erd .erd-sub{font-size:${FONT.subtitle}px}`,
    `.erd .erd-null,.erd .erd-more{font-style:italic}`,
    `.erd .erd-key{fill:${c("key")};font-weight:700}`,
    `.erd .erd-line{fill:none;stroke-width:1.3}`,
    `.erd .erd-foreignKey .erd-line,.erd .erd-mk-foreignKey{stroke:${c("line")}}`,
    `.erd .erd-relation .erd-line,.erd .erd-mk-relation{stroke:${c("accent")}}`,
    `.erd .erd-relation .erd-line{stroke-dasharray:6 4}`,
    `.erd .erd-mk{fill:${c("bg")};stroke-width:1.3}`,
    `.erd .erd-label{font-size:${FONT.label}px;fill:${c("muted")}}`,
    `.erd .erd-label-bg{fill:${c("bg")}}`,
    `.erd .erd-relation .erd-label{fill:${c("accent")}}`,
  ].join("");
}

/** Crow's-foot ends, drawn pointing right with the tip where the line meets the box; `auto-start-reverse` flips the start. */
const END_SHAPES: Record<Cardinality, string> = {
  one: `<path d="M12,1V11M16,1V11"/>`,
  zeroOrOne: `<path d="M16,1V11"/><circle cx="8" cy="6" r="3.5"/>`,
  zeroOrMany: `<path d="M12,6L20,1M12,6L20,11"/><circle cx="7" cy="6" r="3.5"/>`,
};
const markerId = (kind: string, end: Cardinality) => `erd-${kind}-${end}`;

function markers(): string {
  const out: string[] = [];
  for (const kind of ["foreignKey", "relation"]) {
    for (const end of Object.keys(END_SHAPES) as Cardinality[]) {
      out.push(
        `<marker id="${markerId(kind, end)}" viewBox="0 0 20 12" refX="20" refY="6" markerWidth="20" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><g class="erd-mk erd-mk-${kind}">${END_SHAPES[end]}</g></marker>`,
      );
    }
  }
  return `<defs>${out.join("")}</defs>`;
}

/**
 * A smooth line through all of dagre's points (Catmull-Rom as cubic Béziers), so it passes through its label's spot
 * and meets each box along dagre's last segment, where the end marker sits.
 */
function pathData(points: { x: number; y: number }[]): string {
  const first = points[0];
  if (!first) return "";
  const at = (i: number) => points[Math.max(0, Math.min(points.length - 1, i))] as { x: number; y: number };
  let d = `M${n(first.x)},${n(first.y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += `C${n(c1.x)},${n(c1.y)} ${n(c2.x)},${n(c2.y)} ${n(p2.x)},${n(p2.y)}`;
  }
  return d;
}

function edgeSvg({ edge, points, label }: PlacedEdge): string {
  const labelWidth = textWidth(edge.label, FONT.label) + 6;
  return [
    `<g class="erd-edge erd-${edge.kind}"${attr("data-key", edge.key)}${attr("data-relations", edge.relations.join(","))}>`,
    `<title>${escapeXml(edge.title)}</title>`,
    `<path class="erd-line"${attr("d", pathData(points))} marker-start="url(#${markerId(edge.kind, edge.atV)})" marker-end="url(#${markerId(edge.kind, edge.atW)})"/>`,
    `<rect class="erd-label-bg"${attr("x", label.x - labelWidth / 2)}${attr("y", label.y - 7)}${attr("width", labelWidth)} height="14" rx="3"/>`,
    `<text class="erd-label" text-anchor="middle"${attr("x", label.x)}${attr("y", label.y + 4)}>${escapeXml(edge.label)}</text>`,
    "</g>",
  ].join("");
}

function boxSvg({ table, box, x, y }: PlacedBox): string {
  const { width: w, height: h, headerHeight: hh } = box;
  const r = 6;
  const rows = box.rows.map((row, i) => {
    const baseline = hh + i * ROW + 13;
    return [
      row.keys ? `<text class="erd-key"${attr("x", box.x.keys)}${attr("y", baseline)}>${row.keys}</text>` : "",
      `<text${attr("x", box.x.name)}${attr("y", baseline)}>${escapeXml(row.name)}</text>`,
      `<text class="erd-type"${attr("x", box.x.type)}${attr("y", baseline)}>${escapeXml(row.type)}</text>`,
      row.nullable ? `<text class="erd-null"${attr("x", box.x.nullable)}${attr("y", baseline)}>null</text>` : "",
    ].join("");
  });
  const more =
    box.more > 0
      ? `<text class="erd-more"${attr("x", box.x.keys)}${attr("y", hh + box.rows.length * ROW + 13)}>… ${box.more} more columns</text>`
      : "";
  const summary = `table ${table.id}${table.resources.length > 0 ? ` (resource ${table.resources.map((r) => r.name).join(", ")})` : ""}: ${table.columns.length} columns`;
  return [
    `<g class="erd-table"${attr("data-table", table.id)} transform="translate(${n(x)},${n(y)})">`,
    `<title>${escapeXml(summary)}</title>`,
    `<rect class="erd-box"${attr("width", w)}${attr("height", h)} rx="${r}"/>`,
    `<path class="erd-head" d="M0,${n(hh)}V${r}Q0,0 ${r},0H${n(w - r)}Q${n(w)},0 ${n(w)},${r}V${n(hh)}Z"/>`,
    `<path class="erd-border" d="M0,${n(hh)}H${n(w)}"/>`,
    `<rect class="erd-border"${attr("width", w)}${attr("height", h)} rx="${r}"/>`,
    `<text class="erd-title"${attr("x", box.x.keys)} y="18">${escapeXml(box.title)}</text>`,
    box.subtitle === null
      ? ""
      : `<text class="erd-sub"${attr("x", box.x.keys)} y="34">${escapeXml(box.subtitle)}</text>`,
    ...rows,
    more,
    "</g>",
  ].join("");
}

const LEGEND_TEXT = "PK primary key · FK foreign key · UQ unique · null nullable";
const LEGEND_LINES = [
  ["foreignKey", "foreign key (many to one)"],
  ["relation", "resource relation without a foreign key"],
] as const;
const SAMPLE = 56;
const SPACE = 24;

/** The key to the markers and lines, in one row; its width is the narrowest the diagram may be. */
function legend(top: number): { svg: string; width: number } {
  const y = top + 22;
  let x = MARGIN;
  const parts = [`<text class="erd-note"${attr("x", x)}${attr("y", y)}>${escapeXml(LEGEND_TEXT)}</text>`];
  x += textWidth(LEGEND_TEXT, FONT.row) + SPACE;
  for (const [kind, text] of LEGEND_LINES) {
    parts.push(
      `<g class="erd-edge erd-${kind}"><path class="erd-line"${attr("d", `M${n(x)},${n(y - 4)}H${n(x + SAMPLE)}`)} marker-start="url(#${markerId(kind, "one")})" marker-end="url(#${markerId(kind, "zeroOrMany")})"/></g>`,
      `<text class="erd-note"${attr("x", x + SAMPLE + 8)}${attr("y", y)}>${escapeXml(text)}</text>`,
    );
    x += SAMPLE + 8 + textWidth(text, FONT.row) + SPACE;
  }
  return { svg: `<g class="erd-legend">${parts.join("")}</g>`, width: Math.ceil(x - SPACE + MARGIN) };
}

const NOTE_HEIGHT = 18;

/** The drawing's size in pixels: the layout, the legend below it (at least as wide) and the notes under that. */
export function svgSize(layout: DiagramLayout, notes: string[]): { width: number; height: number } {
  return {
    width: Math.max(layout.width, legend(layout.height - MARGIN / 2).width),
    height: layout.height + LEGEND_HEIGHT + notes.length * NOTE_HEIGHT,
  };
}

export function renderSvg(layout: DiagramLayout, options: SvgOptions, notes: string[]): string {
  const key = legend(layout.height - MARGIN / 2);
  const { width, height } = svgSize(layout, notes);
  const noteLines = notes.map(
    (note, i) =>
      `<text class="erd-note"${attr("x", MARGIN)}${attr("y", layout.height + LEGEND_HEIGHT + i * NOTE_HEIGHT + 8)}>${escapeXml(note)}</text>`,
  );
  const heading =
    layout.unconnectedTop === null
      ? ""
      : `<text class="erd-note"${attr("x", MARGIN)}${attr("y", layout.unconnectedTop - 10)}>Tables without relations</text>`;
  return [
    options.mode === "file" ? `<?xml version="1.0" encoding="UTF-8"?>\n` : "",
    `<svg xmlns="http://www.w3.org/2000/svg" class="erd"${attr("width", width)}${attr("height", height)} viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-labelledby="erd-title" aria-describedby="erd-desc">`,
    `<title id="erd-title">${escapeXml(options.title)}</title>`,
    `<desc id="erd-desc">${escapeXml(options.description)}</desc>`,
    `<style>${style(options.mode)}</style>`,
    markers(),
    `<rect class="erd-bg"${attr("width", width)}${attr("height", height)}/>`,
    `<g class="erd-edges">${layout.edges.map(edgeSvg).join("")}</g>`,
    `<g class="erd-tables">${layout.boxes.map(boxSvg).join("")}</g>`,
    heading,
    key.svg,
    ...noteLines,
    "</svg>\n",
  ].join("");
}
