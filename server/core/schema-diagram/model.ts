/**
 * What the diagram shows, as plain data: tables with their columns and keys, foreign keys, and the resources'
 * relations. The SVG and the page's text alternative are both drawn from this one model, so they never disagree.
 * Everything is sorted here, so the same schema always gives the same model (and the same SVG bytes).
 */

/** A crow's-foot end: how many rows at this end one row at the other end relates to. */
export type Cardinality = "one" | "zeroOrOne" | "zeroOrMany";

export interface DiagramColumn {
  /** The SQL name. */
  name: string;
  /** The SQL type, shortened where PostgreSQL has a short name (timestamptz). */
  type: string;
  primaryKey: boolean;
  foreignKey: boolean;
  /** Unique on its own: a unique column, a one-column unique constraint, or a one-column unique index (not partial). */
  unique: boolean;
  nullable: boolean;
}

export interface DiagramResourceRef {
  name: string;
  label: string;
}

export interface DiagramTable {
  /** The table's qualified name (`schema.name` outside the default schema): its id in the diagram. */
  id: string;
  name: string;
  schema: string | null;
  /** The resources served from this table. */
  resources: DiagramResourceRef[];
  columns: DiagramColumn[];
}

export interface DiagramForeignKey {
  /** The constraint's name. */
  name: string;
  /** The referencing table and its columns (the "many" side). */
  from: string;
  columns: string[];
  /** The referenced table and its columns. */
  to: string;
  foreignColumns: string[];
  fromEnd: Cardinality;
  toEnd: Cardinality;
  onDelete: string | null;
  /** Ids of the resource relations this key implements (`posts.author`). */
  relations: string[];
}

export type DiagramRelationKind = "belongsTo" | "hasMany" | "hasCount" | "manyToMany";

export interface DiagramRelation {
  /** `resource.relation`, e.g. `posts.author`. */
  id: string;
  resource: string;
  name: string;
  kind: DiagramRelationKind;
  target: string;
  /** The source resource's table and the target resource's table. */
  from: string;
  to: string;
  /** A many-to-many's join table. */
  through: string | null;
  /** The SQL columns holding the link: the local key, the target's key, or the join table's two keys. */
  columns: string[];
  /** The foreign key that implements it, when one does; the diagram then draws that key, not a second edge. */
  foreignKey: string | null;
  fromEnd: Cardinality;
  toEnd: Cardinality;
}

export interface SchemaModel {
  tables: DiagramTable[];
  foreignKeys: DiagramForeignKey[];
  relations: DiagramRelation[];
  /** Tables left out because the schema has more than the diagram's limit. */
  omittedTables: number;
}

/** Sorts by the keys in order, comparing code units, so the order never depends on the machine's locale. */
export function byKeys<T>(...keys: ((item: T) => string)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
