/**
 * Reads the model from the Drizzle tables (`getTableConfig`) and the resources' relations. Tables reached only
 * through a foreign key, a resource or a join table are included too, so no edge points at a missing box.
 */
import { getTableColumns, is } from "drizzle-orm";
import { getTableConfig, IndexedColumn, type PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { RelationDef } from "../relations";
import {
  byKeys,
  type Cardinality,
  type DiagramColumn,
  type DiagramForeignKey,
  type DiagramRelation,
  type DiagramTable,
  type SchemaModel,
} from "./model";

/** What the diagram reads of a resource; every registered resource has it. */
export interface DiagramResourceInput {
  name: string;
  table: PgTable;
  label?: { one: string; many: string };
  relations?: Record<string, RelationDef>;
}

export interface SchemaInput {
  /** The tables, e.g. `tablesIn(await import("@/db/schema"))`. */
  tables: readonly PgTable[];
  resources?: readonly DiagramResourceInput[];
}

/** More tables than this are left out (and counted), so one diagram stays drawable and readable. */
export const MAX_TABLES = 400;

type TableConfig = ReturnType<typeof getTableConfig>;

/** The tables among a module's exports (enums, relations and helpers are skipped). */
export function tablesIn(exports: Record<string, unknown>): PgTable[] {
  return Object.values(exports).filter((value): value is PgTable => is(value, PgTable));
}

function tableId(config: TableConfig): string {
  return config.schema ? `${config.schema}.${config.name}` : config.name;
}

function shortType(column: PgColumn): string {
  return column
    .getSQLType()
    .replace(/^timestamp(\s*\(\d+\))? with time zone$/, "timestamptz$1")
    .replace(/^timestamp(\s*\(\d+\))? without time zone$/, "timestamp$1")
    .replace(/^time(\s*\(\d+\))? with time zone$/, "timetz$1")
    .replace(/^character varying/, "varchar");
}

const sameColumns = (a: readonly PgColumn[], b: readonly PgColumn[]) =>
  a.length === b.length && a.every((column, i) => column === b[i]);

/** Every table the input reaches, once each (the first of two objects with the same name wins), by id. */
function reachableTables(input: SchemaInput): Map<PgTable, TableConfig> {
  const configs = new Map<PgTable, TableConfig>();
  const ids = new Set<string>();
  const visit = (table: PgTable) => {
    if (configs.has(table)) return;
    const config = getTableConfig(table);
    if (ids.has(tableId(config))) return;
    ids.add(tableId(config));
    configs.set(table, config);
    for (const fk of config.foreignKeys) visit(fk.reference().foreignTable);
  };
  for (const table of input.tables) visit(table);
  for (const resource of input.resources ?? []) {
    visit(resource.table);
    for (const relation of Object.values(resource.relations ?? {})) {
      if (relation.kind === "manyToMany") visit(relation.through);
    }
  }
  return configs;
}

function uniqueColumns(config: TableConfig): Set<PgColumn> {
  const unique = new Set<PgColumn>(config.columns.filter((c) => c.isUnique));
  for (const constraint of config.uniqueConstraints) {
    const [only, ...rest] = constraint.columns;
    if (only && rest.length === 0) unique.add(only);
  }
  for (const index of config.indexes) {
    const { unique: isUnique, where, columns } = index.config;
    const [only] = columns;
    // A partial unique index (`where deleted_at is null`) leaves the column repeatable; only a full one counts.
    if (isUnique && !where && columns.length === 1 && is(only, IndexedColumn)) {
      const column = config.columns.find((c) => c.name === only.name);
      if (column) unique.add(column);
    }
  }
  return unique;
}

function primaryColumns(config: TableConfig): Set<PgColumn> {
  // A composite key's columns are its own copies of the table's: matched by name.
  const composite = new Set(config.primaryKeys.flatMap((key) => key.columns.map((c) => c.name)));
  return new Set(config.columns.filter((c) => c.primary || composite.has(c.name)));
}

function diagramTable(id: string, config: TableConfig, resources: DiagramResourceInput[]): DiagramTable {
  const primary = primaryColumns(config);
  const unique = uniqueColumns(config);
  const referencing = new Set(config.foreignKeys.flatMap((fk) => fk.reference().columns));
  const columns: DiagramColumn[] = config.columns.map((column) => ({
    name: column.name,
    type: shortType(column),
    primaryKey: primary.has(column),
    foreignKey: referencing.has(column),
    // The primary key is unique already; saying so again is noise.
    unique: unique.has(column) && !primary.has(column),
    nullable: !column.notNull && !primary.has(column),
  }));
  return {
    id,
    name: config.name,
    schema: config.schema ?? null,
    resources: resources.map((r) => ({ name: r.name, label: r.label?.many ?? r.name })).sort(byKeys((r) => r.name)),
    columns,
  };
}

/** Is one row at the referencing end matched by at most one (its columns are unique or the primary key)? */
function referencingEnd(columns: PgColumn[], config: TableConfig): Cardinality {
  const unique = uniqueColumns(config);
  const primary = primaryColumns(config);
  const single = columns.length === 1 && columns[0] !== undefined && unique.has(columns[0]);
  const wholeKey = columns.length === primary.size && columns.every((c) => primary.has(c));
  return single || wholeKey ? "zeroOrOne" : "zeroOrMany";
}

const referencedEnd = (columns: PgColumn[]): Cardinality => (columns.every((c) => c.notNull) ? "one" : "zeroOrOne");

export function buildSchemaModel(input: SchemaInput): SchemaModel {
  const all = [...reachableTables(input)].sort(byKeys(([, config]) => tableId(config)));
  const kept = new Map(all.slice(0, MAX_TABLES));
  const idOf = (table: PgTable) => {
    const config = kept.get(table);
    return config ? tableId(config) : null;
  };

  const resourcesOf = new Map<PgTable, DiagramResourceInput[]>();
  for (const resource of input.resources ?? []) {
    resourcesOf.set(resource.table, [...(resourcesOf.get(resource.table) ?? []), resource]);
  }
  const tables = [...kept].map(([table, config]) =>
    diagramTable(tableId(config), config, resourcesOf.get(table) ?? []),
  );

  const foreignKeys: KeyedForeignKey[] = [];
  for (const [table, config] of kept) {
    for (const fk of config.foreignKeys) {
      const reference = fk.reference();
      const from = idOf(table);
      const to = idOf(reference.foreignTable);
      if (!from || !to) continue;
      foreignKeys.push({
        name: fk.getName(),
        from,
        columns: reference.columns.map((c) => c.name),
        to,
        foreignColumns: reference.foreignColumns.map((c) => c.name),
        fromEnd: referencingEnd(reference.columns, config),
        toEnd: referencedEnd(reference.columns),
        onDelete: fk.onDelete ?? null,
        relations: [],
        columnObjects: reference.columns,
      });
    }
  }

  const relations = resourceRelations(input.resources ?? [], idOf, foreignKeys);
  return {
    tables,
    foreignKeys: foreignKeys
      .map(({ columnObjects: _, ...fk }) => ({ ...fk, relations: fk.relations.sort() }))
      .sort(
        byKeys(
          (fk) => fk.from,
          (fk) => fk.columns.join(","),
          (fk) => fk.to,
          (fk) => fk.name,
        ),
      ),
    relations,
    omittedTables: all.length - kept.size,
  };
}

type KeyedForeignKey = DiagramForeignKey & { columnObjects: PgColumn[] };

/** The foreign key of `from` on exactly this column that points at `to`'s table, if the database has one. */
function backingKey(keys: KeyedForeignKey[], from: string, column: PgColumn, to: string): KeyedForeignKey | undefined {
  return keys.find((fk) => fk.from === from && fk.to === to && sameColumns(fk.columnObjects, [column]));
}

function resourceRelations(
  resources: readonly DiagramResourceInput[],
  idOf: (table: PgTable) => string | null,
  keys: KeyedForeignKey[],
): DiagramRelation[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const relations: DiagramRelation[] = [];
  for (const resource of resources) {
    for (const [name, relation] of Object.entries(resource.relations ?? {})) {
      const target = byName.get(relation.target);
      const from = idOf(resource.table);
      const to = target ? idOf(target.table) : null;
      // A target that is not registered is reported by the registry's checks; there is nothing to draw it to.
      if (!target || !from || !to) continue;
      const base = { id: `${resource.name}.${name}`, resource: resource.name, name, target: target.name, from, to };
      if (relation.kind === "manyToMany") {
        const through = idOf(relation.through);
        if (!through) continue;
        const columns = getTableColumns(relation.through);
        relations.push({
          ...base,
          kind: relation.kind,
          through,
          columns: [
            columns[relation.sourceKey]?.name ?? relation.sourceKey,
            columns[relation.targetKey]?.name ?? relation.targetKey,
          ],
          foreignKey: null,
          fromEnd: "zeroOrMany",
          toEnd: "zeroOrMany",
        });
        continue;
      }
      // belongsTo holds the key here; hasMany and hasCount find it in the target's table.
      const owner = relation.kind === "belongsTo" ? resource.table : target.table;
      const key = relation.kind === "belongsTo" ? relation.field : relation.foreignKey;
      const column = getTableColumns(owner)[key] as PgColumn | undefined;
      if (!column) continue;
      const ownerConfig = getTableConfig(owner);
      const many = referencingEnd([column], ownerConfig);
      const one = referencedEnd([column]);
      const fk =
        relation.kind === "belongsTo" ? backingKey(keys, from, column, to) : backingKey(keys, to, column, from);
      fk?.relations.push(base.id);
      relations.push({
        ...base,
        kind: relation.kind,
        through: null,
        columns: [column.name],
        foreignKey: fk?.name ?? null,
        fromEnd: relation.kind === "belongsTo" ? many : one,
        toEnd: relation.kind === "belongsTo" ? one : many,
      });
    }
  }
  return relations.sort(byKeys((r) => r.id));
}
