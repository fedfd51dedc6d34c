/**
 * The schema diagram (docs/operations-schema.md): Drizzle tables and resource relations in, an entity-relationship
 * SVG out, drawn on the server with no browser and no network. Deterministic: the same schema gives the same bytes.
 *
 *   const diagram = schemaDiagram({ tables: tablesIn(schema), resources: Object.values(resources) });
 *   diagram.svg("file") // the standalone file; "page" for inline use under a theme that sets --erd-* colours
 */
import { buildSchemaModel, MAX_TABLES, type SchemaInput } from "./collect";
import { diagramEdges } from "./edges";
import { layoutDiagram } from "./layout";
import type { SchemaModel } from "./model";
import { renderSvg, type SvgMode, svgSize } from "./svg";

export type { DiagramResourceInput, SchemaInput } from "./collect";
export { MAX_TABLES, tablesIn } from "./collect";
export type * from "./model";
export { PALETTE, type SvgMode } from "./svg";

export interface SchemaDiagram {
  model: SchemaModel;
  /** The drawing's size in pixels (its width and height attributes). */
  width: number;
  height: number;
  svg(mode: SvgMode): string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One sentence of what the diagram shows, for its <desc> and the page. */
export function describeModel(model: SchemaModel): string {
  const drawn = model.relations.filter((r) => r.foreignKey === null).length;
  return [
    `${plural(model.tables.length, "table", "tables")}`,
    `${plural(model.foreignKeys.length, "foreign key", "foreign keys")}`,
    `${plural(model.relations.length, "resource relation", "resource relations")} (${drawn} drawn as their own line, the rest on their foreign key)`,
  ].join(", ");
}

export function schemaDiagram(input: SchemaInput, options: { title?: string } = {}): SchemaDiagram {
  const model = buildSchemaModel(input);
  const layout = layoutDiagram(model.tables, diagramEdges(model));
  const notes =
    model.omittedTables > 0
      ? [`${model.omittedTables} more tables are not shown: a diagram draws at most ${MAX_TABLES}.`]
      : [];
  const title = options.title ?? "Database schema";
  const description = `Entity-relationship diagram: ${describeModel(model)}.`;
  const drawn = new Map<SvgMode, string>();
  return {
    model,
    ...svgSize(layout, notes),
    svg(mode) {
      const svg = drawn.get(mode) ?? renderSvg(layout, { mode, title, description }, notes);
      drawn.set(mode, svg);
      return svg;
    },
  };
}
