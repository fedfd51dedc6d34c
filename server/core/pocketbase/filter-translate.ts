/**
 * A parsed PocketBase filter as Atrium's filter tree (`FilterNode`) for one resource: fields named as PocketBase
 * clients name them (filter-fields.ts), values typed by their field's kind, each PocketBase operator mapped to the
 * engine's (docs/pocketbase-filter.md has the table). What the engine cannot express is a PocketBaseFilterError
 * naming the field and the operator, never a looser filter. The tree obeys the engine's own bounds (nesting, items
 * per `and`/`or`), so the list endpoint's filter schema accepts its shape and checks the values' ranges as always.
 */
import type { FieldOps, FilterNode } from "../filter";
import { type FilterOperator, operatorsFor } from "../filter-operators";
import { PocketBaseFilterError } from "./filter-error";
import { atriumField, type FilterField, type FilterTarget } from "./filter-fields";
import { type Comparison, type FilterAst, type OperandToken, parseFilter, type SignOp } from "./filter-parser";
import { type Literal, typedValue } from "./filter-typed";
import { macroValue, readLike } from "./filter-values";

/** The engine's limits (filter.ts): `and`/`or`/`not` levels, and items in one `and` or `or`. */
export const MAX_FILTER_DEPTH = 6;
export const MAX_JUNCTION_ITEMS = 20;

export interface TranslateOptions {
  /** The moment `@now` and the other macros are read at; the current time if left out. */
  now?: Date;
}

type Side = { kind: "field"; field: FilterField; written: string; position: number } | Literal;

/** How the operator reads with its operands swapped (`5 < count` is `count > 5`); undefined: it has no mirror. */
export const MIRRORED: Partial<Record<SignOp, SignOp>> = {
  "=": "=",
  "!=": "!=",
  ">": "<",
  ">=": "<=",
  "<": ">",
  "<=": ">=",
  "?=": "?=",
  "?!=": "?!=",
  "?>": "?<",
  "?>=": "?<=",
  "?<": "?>",
  "?<=": "?>=",
};

const RANGE_OPS: Partial<Record<SignOp, FilterOperator>> = { ">": "gt", ">=": "gte", "<": "lt", "<=": "lte" };

const SPECIAL_IDENTIFIERS = new Map<string, Literal["type"]>([
  ["null", "null"],
  ["true", "boolean"],
  ["false", "boolean"],
]);

function fail(detail: string, position: number): never {
  throw new PocketBaseFilterError(detail, position);
}

function leaf(field: FilterField, op: FilterOperator, value: unknown): FilterNode {
  const ops: FieldOps = { [op]: value };
  return { [field.name]: ops };
}

class Translator {
  constructor(
    private readonly target: FilterTarget,
    private readonly now: Date,
  ) {}

  node(ast: FilterAst): { node: FilterNode; depth: number } {
    if (ast.kind === "compare") {
      const node = this.comparison(ast);
      return { node, depth: node.and || node.or || node.not ? 1 : 0 };
    }
    let parts = ast.items.map((item) => this.node(item));
    // More items than one `and`/`or` takes: groups of them, one level deeper (the same condition).
    while (parts.length > MAX_JUNCTION_ITEMS) {
      const groups: { node: FilterNode; depth: number }[] = [];
      for (let i = 0; i < parts.length; i += MAX_JUNCTION_ITEMS) {
        groups.push(this.junction(ast, parts.slice(i, i + MAX_JUNCTION_ITEMS)));
      }
      parts = groups;
    }
    return this.junction(ast, parts);
  }

  private junction(ast: FilterAst, parts: { node: FilterNode; depth: number }[]) {
    if (parts.length === 1 && parts[0]) return parts[0];
    const depth = 1 + Math.max(...parts.map((p) => p.depth));
    if (depth > MAX_FILTER_DEPTH) fail(`the filter nests deeper than ${MAX_FILTER_DEPTH} levels`, ast.position);
    return { node: { [ast.kind]: parts.map((p) => p.node) }, depth };
  }

  private comparison(ast: Comparison): FilterNode {
    const left = this.side(ast.left);
    const right = this.side(ast.right);
    if (left.kind === "field" && right.kind === "field") {
      fail(
        `'${left.written}' ${ast.op} '${right.written}' compares two fields; one side must be a value`,
        ast.position,
      );
    }
    if (left.kind === "field") return this.condition(left, ast.op, right as Literal, ast.position);
    if (right.kind !== "field") fail(`'${ast.op}' compares two values; one side must be a field`, ast.position);
    const mirrored = MIRRORED[ast.op];
    if (!mirrored) {
      fail(`a value before '${ast.op}' is not supported; write '${right.written} ${ast.op} value'`, ast.position);
    }
    return this.condition(right, mirrored, left, ast.position);
  }

  /** An operand: a field, or a value (PocketBase's order: macros, then fields, then null, true and false). */
  private side(token: OperandToken): Side {
    const position = token.position;
    if (token.type === "text") return { kind: "value", type: "text", value: token.value, position };
    if (token.type === "number") return { kind: "value", type: "number", value: token.literal, position };
    if (token.type === "function") return fail(`the function '${token.name}()' is not supported`, position);
    const name = token.name;
    const macro = macroValue(name, this.now);
    if (macro?.type === "date") return { kind: "value", type: "date", value: macro.value, written: name, position };
    if (macro) return { kind: "value", type: "integer", value: macro.value, written: name, position };
    if (name.startsWith("@request.") || name.startsWith("@collection.")) {
      fail(
        `'${name}': @request and @collection belong to PocketBase's API rules and are not supported in filters`,
        position,
      );
    }
    if (name.startsWith("@")) fail(`unknown macro '${name}'`, position);
    const field = atriumField(this.target, name);
    if (field) {
      if (field.filterable === false) fail(`the field '${name}' cannot be filtered`, position);
      return { kind: "field", field, written: name, position };
    }
    const special = SPECIAL_IDENTIFIERS.get(name.toLowerCase());
    if (special === "null") return { kind: "value", type: "null", position };
    if (special === "boolean")
      return { kind: "value", type: "boolean", value: name.toLowerCase() === "true", position };
    const colon = name.indexOf(":");
    if (colon !== -1 && atriumField(this.target, name.slice(0, colon))) {
      fail(`the modifier '${name.slice(colon)}' in '${name}' is not supported`, position);
    }
    if (name.includes(".")) {
      fail(`'${name}': fields of related records and keys inside JSON cannot be filtered here`, position);
    }
    return fail(`unknown field '${name}'`, position);
  }

  private condition(side: Side & { kind: "field" }, op: SignOp, value: Literal, position: number): FilterNode {
    const { field } = side;
    const name = side.written;
    if (field.type === "array") return this.arrayCondition(side, op, value, position);
    // On a single value, "any of" is the value itself, as in PocketBase.
    const base = (op.startsWith("?") ? op.slice(1) : op) as SignOp;
    const refuse = (): never => fail(`'${name}' cannot be compared with '${op}'`, position);
    const empty = value.type === "null" || (value.type === "text" && value.value === "");
    if (empty && (base === "=" || base === "!=")) {
      if (!operatorsFor(field.type).includes("isNull")) refuse();
      return this.emptiness(field, base === "=");
    }
    if (value.type === "null") fail(`null can only be compared with = or != ('${name} ${op} null')`, position);
    const allowed = operatorsFor(field.type);
    if (base === "~" || base === "!~") {
      if (!allowed.includes("contains") || value.type !== "text") {
        return fail(`'${op}' takes a field of text and a quoted value ('${name} ${op} ...')`, position);
      }
      const match = readLike(value.value);
      if (typeof match === "string") return fail(`'${name} ${op}': ${match}`, value.position);
      if (match.text === "") fail(`'${name} ${op}' needs a text to look for`, value.position);
      const found = leaf(field, match.op, match.text);
      return base === "~" ? found : { not: found };
    }
    const engineOp: FilterOperator | undefined = base === "=" ? "eq" : base === "!=" ? "ne" : RANGE_OPS[base];
    if (!engineOp || !allowed.includes(engineOp)) return refuse();
    return leaf(field, engineOp, typedValue(field.type, field, `'${name}'`, value));
  }

  /**
   * PocketBase stores no NULLs and treats null and '' alike (`title = null` and `title = ''` are one test there).
   * Atrium's text columns may hold either, so "empty" is both; other kinds have no '', so it is NULL.
   */
  private emptiness(field: FilterField, isEmpty: boolean): FilterNode {
    if (field.type !== "text") return leaf(field, "isNull", isEmpty);
    if (isEmpty) return { or: [leaf(field, "isNull", true), leaf(field, "eq", "")] };
    return { and: [leaf(field, "isNull", false), leaf(field, "ne", "")] };
  }

  /** Lists are matched by their items: `?=` and `~` "has", `!=` and `!~` "has not"; `= null` is a NULL list. */
  private arrayCondition(side: Side & { kind: "field" }, op: SignOp, value: Literal, position: number): FilterNode {
    const { field } = side;
    const name = side.written;
    if (value.type === "null" && (op === "=" || op === "!=")) return leaf(field, "isNull", op === "=");
    const itemKind = field.items ?? "text";
    const has = op === "?=" || op === "~";
    const hasNot = op === "!=" || op === "!~";
    if ((!has && !hasNot) || value.type === "null") {
      return fail(
        `'${name}' is a list: use '${name} ?= value' (has the item), '${name} !~ value' (has not) or '${name} = null'; '${op}' is not supported`,
        position,
      );
    }
    const found = leaf(field, "has", typedValue(itemKind, field, `each item of '${name}'`, value));
    return has ? found : { not: found };
  }
}

/** The Atrium filter of a parsed PocketBase filter, for one resource's fields. */
export function translateFilter(ast: FilterAst, target: FilterTarget, options: TranslateOptions = {}): FilterNode {
  return new Translator(target, options.now ?? new Date()).node(ast).node;
}

/** Parses and translates: the Atrium filter of a PocketBase filter text, or a PocketBaseFilterError. */
export function parsePocketBaseFilter(input: string, target: FilterTarget, options: TranslateOptions = {}): FilterNode {
  return translateFilter(parseFilter(input), target, options);
}
