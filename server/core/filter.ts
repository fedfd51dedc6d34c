/**
 * The list filter language: `{ field: { op: value } }` over a resource's filterable fields, nested with
 * `and`, `or` and `not`. Values are validated against each column's type before any SQL is built, and every value
 * reaches PostgreSQL as a bound parameter, so a filter can never inject SQL.
 */
import {
  and,
  arrayContains,
  arrayOverlaps,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  not,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { FILTER_OPERATORS, type FilterOperator, operatorsFor } from "./filter-operators";
import type { AnyResource } from "./resource";
import { columnFacts, valueSchema } from "./values";

export { FILTER_OPERATORS } from "./filter-operators";

const MAX_IN = 100;
const MAX_DEPTH = 6;

function fieldOpsSchema(key: string, column: PgColumn) {
  const facts = columnFacts(column);
  const value = valueSchema(column, key);
  // An array's operators take its items; `value` there is the schema of the whole list.
  const item: z.ZodType = facts.kind === "array" ? ((value as z.ZodArray).element as z.ZodType) : value;
  const list = z.array(item).min(1, `${key}: give at least one value`).max(MAX_IN, `${key}: at most ${MAX_IN} values`);
  const allowed = operatorsFor(facts.kind);
  const shape: Record<string, z.ZodType> = {};
  for (const op of FILTER_OPERATORS) {
    if (!allowed.includes(op)) {
      // Named, so the refusal says what would work ("amount cannot be filtered with contains; use eq, …").
      shape[op] = z.never(`${key} cannot be filtered with ${op}; use ${allowed.join(", ")}`).optional();
    } else if (op === "in" || op === "notIn" || op === "hasAll" || op === "hasAny") shape[op] = list.optional();
    else if (op === "isNull") shape[op] = z.boolean(`${key}: isNull must be true or false`).optional();
    else if (op === "contains" || op === "startsWith") {
      shape[op] = z
        .string(`${key}: ${op} takes text`)
        .min(1)
        .max(200, `${key}: ${op} takes at most 200 characters`)
        .optional();
    } else shape[op] = item.optional();
  }
  // Only when the operators themselves are fine: `{ contains: … }` on a number is one error, not two.
  return z.strictObject(shape).refine((o) => Object.keys(o).some((k) => o[k] !== undefined), {
    message: `${key}: give at least one operator`,
    when: (payload) => payload.issues.length === 0,
  });
}

/** The zod schema of a resource's filter; unknown fields and operators are rejected with their path. */
export function filterSchema(resource: AnyResource): z.ZodType<FilterNode> {
  const fields: Record<string, z.ZodType> = {};
  for (const key of resource.info.filterKeys) {
    const column = resource.info.columns[key];
    if (column) fields[key] = fieldOpsSchema(key, column).optional();
  }
  const node: z.ZodType<FilterNode> = z.lazy(() =>
    z.strictObject({
      ...fields,
      and: z.array(node).min(1).max(20).optional(),
      or: z.array(node).min(1).max(20).optional(),
      not: node.optional(),
    }),
  );
  // Decided here, with the schema's message, so an over-deep filter is a 400 on every path (list, onChange).
  return node.superRefine((filter, ctx) => {
    if (nestingOf(filter) > MAX_DEPTH) {
      ctx.addIssue({ code: "custom", message: `The filter is nested deeper than ${MAX_DEPTH} levels` });
    }
  });
}

/** How many `and`/`or`/`not` levels a filter nests. */
function nestingOf(node: FilterNode): number {
  let deepest = 0;
  for (const child of [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])]) {
    deepest = Math.max(deepest, 1 + nestingOf(child));
  }
  return deepest;
}

export type FieldOps = Partial<Record<FilterOperator, unknown>>;
export interface FilterNode {
  and?: FilterNode[];
  or?: FilterNode[];
  not?: FilterNode;
  [field: string]: FieldOps | FilterNode[] | FilterNode | undefined;
}

/** `%` and `_` in user text are literals, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function fieldCondition(column: PgColumn, ops: FieldOps): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if (value === undefined) continue;
    switch (op) {
      case "eq":
        parts.push(eq(column, value));
        break;
      case "ne":
        // SQL's <> drops NULL rows; "not equal to x" should keep them. The param is encoded by the column's type.
        parts.push(sql`${column} is distinct from ${sql.param(value, column)}`);
        break;
      case "gt":
        parts.push(gt(column, value));
        break;
      case "gte":
        parts.push(gte(column, value));
        break;
      case "lt":
        parts.push(lt(column, value));
        break;
      case "lte":
        parts.push(lte(column, value));
        break;
      case "in":
        parts.push(inArray(column, value as unknown[]));
        break;
      case "notIn":
        parts.push(or(isNull(column), notInArray(column, value as unknown[])));
        break;
      case "contains":
        parts.push(ilike(column, `%${escapeLike(String(value))}%`));
        break;
      case "startsWith":
        parts.push(ilike(column, `${escapeLike(String(value))}%`));
        break;
      case "has":
        parts.push(arrayContains(column, [value]));
        break;
      case "hasAll":
        parts.push(arrayContains(column, value as unknown[]));
        break;
      case "hasAny":
        parts.push(arrayOverlaps(column, value as unknown[]));
        break;
      case "isNull":
        parts.push(value ? isNull(column) : isNotNull(column));
        break;
    }
  }
  return and(...parts);
}

/** Builds the SQL condition of a validated filter. */
export function filterToSql(resource: AnyResource, node: FilterNode, depth = 0): SQL | undefined {
  if (depth > MAX_DEPTH) throw new Error(`filter nested deeper than ${MAX_DEPTH} levels`);
  const parts: (SQL | undefined)[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (key === "and") parts.push(and(...(value as FilterNode[]).map((n) => filterToSql(resource, n, depth + 1))));
    else if (key === "or") parts.push(or(...(value as FilterNode[]).map((n) => filterToSql(resource, n, depth + 1))));
    else if (key === "not") {
      const inner = filterToSql(resource, value as FilterNode, depth + 1);
      if (inner) parts.push(not(inner));
    } else {
      const column = resource.info.columns[key];
      if (column) parts.push(fieldCondition(column, value as FieldOps));
    }
  }
  return and(...parts);
}
