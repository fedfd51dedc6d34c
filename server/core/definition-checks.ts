/**
 * Run-time checks of resource definitions, for everything the types cannot see (or that was written around them):
 * one definition against its table when it is defined, and the registry as a whole (relation targets, their keys and
 * id types) when routers are built and when the server starts (server/boot.ts). Every message names the resource and
 * the key, and says what would be right, so a wrong definition stops the server at start instead of failing requests.
 */
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { type PgColumn, PgTable } from "drizzle-orm/pg-core";
import { ACCESS_OPERATIONS } from "./access";
import type { FieldConfig } from "./fields";
import { ABSOLUTE_MAX_FILE_SIZE, toBytes } from "./files/options";
import { parseThumbSize } from "./files/thumb-size";
import type { ResourceHooks } from "./hooks";
import type { RelationDef } from "./relations";
import type { AnyResource, ListConfig } from "./resource";

/** All problems found in one definition or registry, one per line. */
export class DefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "DefinitionError";
  }
}

type Columns = Record<string, PgColumn>;

const list = (keys: string[]) => keys.join(", ");
const columnsOf = (table: string, columns: Columns) => `${table} (columns: ${list(Object.keys(columns))})`;
const isColumn = (columns: Columns, key: unknown): key is string =>
  typeof key === "string" && Object.hasOwn(columns, key);

/** What a definition says, as plain data (defineResource's generics do not matter here). */
export interface DefinitionInput {
  table: unknown;
  titleField?: unknown;
  softDelete?: unknown;
  fields?: object;
  relations?: object;
  list?: ListConfig<PgTable>;
  access?: object;
  hooks?: object;
}

function listProblems(name: string, columns: Columns, config: ListConfig<PgTable> | undefined): string[] {
  const problems: string[] = [];
  for (const entry of config?.defaultSort ?? []) {
    const key = String(entry).replace(/^-/, "");
    if (!isColumn(columns, key))
      problems.push(`list.defaultSort: "${entry}" names no column of ${columnsOf(name, columns)}`);
  }
  const sizes = {
    defaultPerPage: config?.defaultPerPage,
    maxPerPage: config?.maxPerPage,
    maxBatch: config?.maxBatch,
    countCap: config?.countCap,
  };
  for (const [key, value] of Object.entries(sizes)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      problems.push(`list.${key} must be a positive integer, not ${value}`);
    }
  }
  if ((sizes.defaultPerPage ?? 20) > (sizes.maxPerPage ?? 100)) {
    problems.push(
      `list.defaultPerPage (${sizes.defaultPerPage ?? 20}) is more than list.maxPerPage (${sizes.maxPerPage ?? 100})`,
    );
  }
  return problems;
}

function fieldProblems(name: string, columns: Columns, fields: Record<string, FieldConfig | undefined>): string[] {
  const problems: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    if (!isColumn(columns, key)) {
      problems.push(`fields.${key} is not a column of ${columnsOf(name, columns)}`);
      continue;
    }
    // Filtering, sorting or searching on a field would reveal, row by row, what its read rule hides; unless the rule
    // names who reads it on every row (`everyRow`), and then only they may filter and sort (never search) by it.
    const read = field?.access?.read;
    if (read && !field.hidden && (field.searchable || (!read.everyRow && (field.filterable || field.sortable)))) {
      problems.push(
        read.everyRow
          ? `fields.${key} has a read rule, so it cannot be searched`
          : `fields.${key} has a read rule, so it cannot be filtered, sorted or searched`,
      );
    }
    if (field?.file) problems.push(...fileProblems(key, columns[key] as PgColumn, field));
  }
  return problems;
}

/** A file field: a jsonb column, options within bounds, no filter, sort or search (decision 017). */
function fileProblems(key: string, column: PgColumn, field: FieldConfig): string[] {
  const problems: string[] = [];
  const options = field.file ?? {};
  if (column.columnType !== "PgJsonb") {
    problems.push(`fields.${key} is a file field, so its column must be fileColumn() or filesColumn() (jsonb)`);
  }
  if (field.filterable || field.sortable || field.searchable) {
    problems.push(`fields.${key} is a file field: it cannot be filtered, sorted or searched`);
  }
  const size = toBytes(options.maxSize);
  if (!Number.isSafeInteger(size) || size < 1) {
    problems.push(
      `fields.${key}: file maxSize must be a positive number of bytes or like "10MB", not ${options.maxSize}`,
    );
  } else if (size > ABSOLUTE_MAX_FILE_SIZE) {
    problems.push(`fields.${key}: file maxSize ${size} is above ${ABSOLUTE_MAX_FILE_SIZE} bytes (10 GB)`);
  }
  if (
    options.multiple !== undefined &&
    (!Number.isInteger(options.multiple) || options.multiple < 1 || options.multiple > 100)
  ) {
    problems.push(`fields.${key}: file multiple must be an integer from 1 to 100, not ${options.multiple}`);
  }
  for (const type of options.accept ?? []) {
    if (!/^[a-z]+\/(?:\*|[a-z0-9][\w.+-]*)$/i.test(type))
      problems.push(`fields.${key}: file accept "${type}" is no MIME type`);
  }
  for (const size of options.thumbs ?? []) {
    if (!parseThumbSize(size)) problems.push(`fields.${key}: thumb "${size}" is not like 100x100, 0x300 or 800x600f`);
  }
  return problems;
}

const isTimestamp = (column: PgColumn) =>
  column.columnType === "PgTimestamp" || column.columnType === "PgTimestampString";

function relationProblems(name: string, columns: Columns, relations: Record<string, RelationDef>): string[] {
  const problems: string[] = [];
  for (const [key, rel] of Object.entries(relations)) {
    const at = `relations.${key}`;
    if (!rel || typeof rel.target !== "string" || rel.target === "") {
      problems.push(`${at} names no target resource (write it with belongsTo, hasMany, hasCount or manyToMany)`);
      continue;
    }
    if (rel.kind === "belongsTo") {
      if (!isColumn(columns, rel.field)) {
        problems.push(`${at}: belongsTo field "${rel.field}" is not a column of ${columnsOf(name, columns)}`);
      }
    } else if (rel.kind === "hasMany" || rel.kind === "hasCount") {
      if (rel.kind === "hasMany" && rel.limit !== undefined && (!Number.isInteger(rel.limit) || rel.limit < 1)) {
        problems.push(`${at}: limit must be a positive integer, not ${rel.limit}`);
      }
    } else if (rel.kind === "manyToMany") {
      if (!is(rel.through, PgTable)) {
        problems.push(`${at}: manyToMany through must be a Drizzle table`);
        continue;
      }
      const through = getTableColumns(rel.through) as Columns;
      const joinName = `the join table ${getTableName(rel.through)}`;
      for (const role of ["sourceKey", "targetKey"] as const) {
        if (!isColumn(through, rel[role])) {
          problems.push(`${at}: manyToMany ${role} "${rel[role]}" is not a column of ${columnsOf(joinName, through)}`);
        }
      }
      if (rel.sourceKey === rel.targetKey)
        problems.push(`${at}: manyToMany sourceKey and targetKey are the same column`);
      if (rel.writable && isColumn(columns, key)) {
        problems.push(`${at}: a writable link is set under its name in inputs, which is already the column ${key}`);
      }
    } else {
      problems.push(`${at}: unknown relation kind "${(rel as { kind: unknown }).kind}"`);
    }
  }
  return problems;
}

/** Every hook, once (a misspelt one would never run). */
const HOOKS = Object.keys({
  shapeCreate: true,
  beforeCreate: true,
  afterCreate: true,
  beforeUpdate: true,
  afterUpdate: true,
  beforeDelete: true,
  afterDelete: true,
  afterCommit: true,
} satisfies Record<keyof ResourceHooks<PgTable>, true>);

function hookProblems(hooks: object | undefined): string[] {
  return Object.entries(hooks ?? {}).flatMap(([key, hook]) => {
    if (!HOOKS.includes(key)) return [`hooks.${key} is no hook (hooks: ${list(HOOKS)})`];
    return hook === undefined || typeof hook === "function" ? [] : [`hooks.${key} must be a function`];
  });
}

function accessProblems(access: object | undefined): string[] {
  const problems: string[] = [];
  for (const [op, rule] of Object.entries(access ?? {})) {
    if (!(ACCESS_OPERATIONS as readonly string[]).includes(op)) {
      problems.push(`access.${op} is no operation (operations: ${list([...ACCESS_OPERATIONS])})`);
    } else if (rule !== undefined && (typeof rule?.name !== "string" || typeof rule?.allow !== "function")) {
      problems.push(`access.${op} must be a rule with a name and an allow function (see rule() in access.ts)`);
    }
  }
  return problems;
}

/** Every problem of one definition (but its rate limits, which resource.ts knows), each naming the resource. */
export function definitionProblems(name: string, config: DefinitionInput): string[] {
  if (!is(config.table, PgTable)) return [`resource "${name}": table must be a Drizzle table (pgTable)`];
  const columns = getTableColumns(config.table) as Columns;
  const problems: string[] = [];
  const primary = Object.keys(columns).filter((k) => columns[k]?.primary);
  if (primary.length !== 1) {
    problems.push(`the table needs exactly one primary-key column, found ${primary.length}`);
  }
  if (!isColumn(columns, config.titleField)) {
    problems.push(`titleField "${String(config.titleField)}" is not a column of ${columnsOf(name, columns)}`);
  }
  if (config.softDelete !== undefined) {
    const column = isColumn(columns, config.softDelete) ? columns[config.softDelete] : undefined;
    if (!column)
      problems.push(`softDelete "${String(config.softDelete)}" is not a column of ${columnsOf(name, columns)}`);
    else if (!isTimestamp(column) || column.notNull) {
      problems.push(
        `softDelete "${config.softDelete}" must be a nullable timestamp column, not ${column.getSQLType()}${column.notNull ? " not null" : ""}`,
      );
    }
  }
  problems.push(
    ...fieldProblems(name, columns, (config.fields ?? {}) as Record<string, FieldConfig | undefined>),
    ...relationProblems(name, columns, (config.relations ?? {}) as Record<string, RelationDef>),
    ...listProblems(name, columns, config.list),
    ...accessProblems(config.access),
    ...hookProblems(config.hooks),
  );
  return problems.map((p) => `resource "${name}": ${p}`);
}

/**
 * Column types as foreign keys compare them: serial is an integer, varchar is text. Integers of different sizes
 * count as one family (Postgres accepts such keys); anything else must match exactly.
 */
function keyType(column: PgColumn): string {
  const sql = column
    .getSQLType()
    .toLowerCase()
    .replace(/\(.*\)/, "")
    .trim();
  if (/^(small|big)?(int|integer|serial)\d?$|^int[248]$/.test(sql)) return "integer";
  if (/^(text|varchar|char|character( varying)?)$/.test(sql)) return "text";
  return sql;
}

/** Whether a key column can hold the ids of `target`, and if not, why (for the message). */
function holdsIdsOf(column: PgColumn | undefined, target: AnyResource): string | undefined {
  const id = target.info.columns[target.info.idKey];
  if (!column || !id || keyType(column) === keyType(id)) return undefined;
  return `it is ${column.getSQLType()}, ${target.name}.${target.info.idKey} is ${id.getSQLType()}`;
}

/** Problems between the resources of a registry: names, relation targets, and the keys that join them. */
export function registryProblems(resources: Record<string, AnyResource>): string[] {
  const problems: string[] = [];
  const names = Object.keys(resources);
  for (const [key, resource] of Object.entries(resources)) {
    if (key !== resource.name) problems.push(`resource "${resource.name}" is registered under another key "${key}"`);
    const columns = resource.info.columns;
    for (const [relation, rel] of Object.entries((resource.relations ?? {}) as Record<string, RelationDef>)) {
      const at = `resource "${resource.name}": relations.${relation}`;
      const target = Object.hasOwn(resources, rel.target) ? resources[rel.target] : undefined;
      if (!target) {
        problems.push(`${at}: target "${rel.target}" is not a registered resource (resources: ${list(names)})`);
        continue;
      }
      const targetColumns = target.info.columns;
      if (rel.kind === "belongsTo") {
        const mismatch = holdsIdsOf(columns[rel.field], target);
        if (mismatch)
          problems.push(`${at}: belongsTo field "${rel.field}" cannot hold ${target.name} ids (${mismatch})`);
      } else if (rel.kind === "hasMany" || rel.kind === "hasCount") {
        if (!isColumn(targetColumns, rel.foreignKey)) {
          problems.push(
            `${at}: ${rel.kind} foreignKey "${rel.foreignKey}" is not a column of ${columnsOf(target.name, targetColumns)}`,
          );
          continue;
        }
        const mismatch = holdsIdsOf(targetColumns[rel.foreignKey], resource);
        if (mismatch) {
          problems.push(
            `${at}: ${rel.kind} foreignKey "${target.name}.${rel.foreignKey}" cannot hold ${resource.name} ids (${mismatch})`,
          );
        }
      } else if (rel.kind === "manyToMany" && is(rel.through, PgTable)) {
        const through = getTableColumns(rel.through) as Columns;
        const sourceMismatch = holdsIdsOf(through[rel.sourceKey], resource);
        if (sourceMismatch)
          problems.push(
            `${at}: manyToMany sourceKey "${rel.sourceKey}" cannot hold ${resource.name} ids (${sourceMismatch})`,
          );
        const targetMismatch = holdsIdsOf(through[rel.targetKey], target);
        if (targetMismatch)
          problems.push(
            `${at}: manyToMany targetKey "${rel.targetKey}" cannot hold ${target.name} ids (${targetMismatch})`,
          );
      }
    }
  }
  return problems;
}

/** Throws a DefinitionError listing every problem between the registered resources. */
export function checkRegistry(resources: Record<string, AnyResource>): void {
  const problems = registryProblems(resources);
  if (problems.length > 0) throw new DefinitionError(problems);
}
