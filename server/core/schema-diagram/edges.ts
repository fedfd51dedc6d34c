/**
 * The lines of the diagram: one per foreign key, and one per resource relation that no foreign key implements (a
 * many-to-many through its join table, or a belongsTo/hasMany on a column without a constraint). A relation that a
 * foreign key implements is named on that key's line instead of drawing a second one over it.
 */
import type { Cardinality, DiagramForeignKey, DiagramRelation, SchemaModel } from "./model";
import { truncate } from "./text";

export interface DiagramEdge {
  kind: "foreignKey" | "relation";
  /** The foreign key's name or the relation's id. */
  key: string;
  /** Laid out first (left): the referenced side, so parents sit left of their children. */
  v: string;
  w: string;
  /** The ends' cardinalities, at v and at w. */
  atV: Cardinality;
  atW: Cardinality;
  label: string;
  /** The whole story of the line, for its tooltip. */
  title: string;
  /** The resource relations this line draws. */
  relations: string[];
}

const LABEL_CELLS = 32;
const isOne = (end: Cardinality) => end !== "zeroOrMany";

function foreignKeyEdge(fk: DiagramForeignKey): DiagramEdge {
  const via = fk.relations.length > 0 ? `; resource relations: ${fk.relations.join(", ")}` : "";
  const onDelete = fk.onDelete ? `; on delete ${fk.onDelete}` : "";
  return {
    kind: "foreignKey",
    key: fk.name,
    v: fk.to,
    w: fk.from,
    atV: fk.toEnd,
    atW: fk.fromEnd,
    label: truncate(fk.columns.join(", "), LABEL_CELLS),
    title: `foreign key ${fk.name}: ${fk.from} (${fk.columns.join(", ")}) references ${fk.to} (${fk.foreignColumns.join(", ")})${onDelete}${via}`,
    relations: fk.relations,
  };
}

function relationEdge(relation: DiagramRelation): DiagramEdge {
  const how = relation.through
    ? `through ${relation.through} (${relation.columns.join(", ")})`
    : `on ${relation.columns.join(", ")}, without a foreign key`;
  // The "one" end goes left, as for a foreign key; a many-to-many keeps the order it was declared in.
  const flip = isOne(relation.toEnd) && !isOne(relation.fromEnd);
  return {
    kind: "relation",
    key: relation.id,
    v: flip ? relation.to : relation.from,
    w: flip ? relation.from : relation.to,
    atV: flip ? relation.toEnd : relation.fromEnd,
    atW: flip ? relation.fromEnd : relation.toEnd,
    label: truncate(relation.through ? `${relation.id} via ${relation.through}` : relation.id, LABEL_CELLS),
    title: `resource relation ${relation.id}: ${relation.kind} ${relation.target}, ${how}`,
    relations: [relation.id],
  };
}

export function diagramEdges(model: SchemaModel): DiagramEdge[] {
  return [
    ...model.foreignKeys.map(foreignKeyEdge),
    ...model.relations.filter((r) => r.foreignKey === null).map(relationEdge),
  ];
}
