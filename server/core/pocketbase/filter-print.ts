/**
 * Atrium's filter tree written in PocketBase's filter syntax: the inverse of parse + translate, so a tree the
 * translator makes prints to a filter that translates back to the same tree (filter.test.ts proves it). Trees the
 * translator never makes print where PocketBase can say the same (`in` as `=` joined by `||`, several operators on
 * one field joined by `&&`); anything else (`not` around most conditions, a NULL test on text, which PocketBase
 * cannot tell from '') is a PocketBasePrintError.
 */
import { parseDecimal } from "../decimal";
import type { FieldOps, FilterNode } from "../filter";
import { operatorsFor } from "../filter-operators";
import type { ValueKind } from "../values";
import { type FilterField, type FilterTarget, pocketBaseName } from "./filter-fields";
import type { SignOp } from "./filter-lexer";
import { MIRRORED } from "./filter-translate";
import { naturalQuote, writeDate, writeLike, writeNumber, writeText } from "./filter-values";

export class PocketBasePrintError extends Error {
  override readonly name = "PocketBasePrintError";
}

/** Choices that change how a filter is written, not what it means (the tests vary them all). */
export interface PrintStyle {
  /** What goes between two tokens: spaces, newlines, `// comments\n`, or nothing. */
  gap(): string;
  quote(text: string): "'" | '"';
  /** Redundant parentheses around this part. */
  wrap(): boolean;
  /** `value op field` rather than `field op value`, where the operator has a mirror. */
  flip(): boolean;
  /** `?=` rather than `=` (and so on) on a single value, where both mean the same. */
  anyOf(): boolean;
  date(date: Date): string;
}

const PLAIN: PrintStyle = {
  gap: () => " ",
  quote: naturalQuote,
  wrap: () => false,
  flip: () => false,
  anyOf: () => false,
  date: writeDate,
};

type Printed = { text: string; kind: "and" | "or" | "leaf" };

const SIGNS = { eq: "=", ne: "!=", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

function refuse(why: string): never {
  throw new PocketBasePrintError(`cannot be written in PocketBase's filter syntax: ${why}`);
}

function single(node: FilterNode): { field: string; op: string; value: unknown } | undefined {
  const keys = Object.keys(node).filter((k) => node[k] !== undefined);
  const [field] = keys;
  if (keys.length !== 1 || !field || field === "and" || field === "or" || field === "not") return undefined;
  const ops = node[field] as FieldOps;
  const opKeys = Object.keys(ops).filter((k) => ops[k as keyof FieldOps] !== undefined);
  const [op] = opKeys;
  return opKeys.length === 1 && op ? { field, op, value: ops[op as keyof FieldOps] } : undefined;
}

class Printer {
  constructor(
    private readonly target: FilterTarget,
    private readonly style: PrintStyle,
  ) {}

  private field(name: string): FilterField {
    return this.target.fields.find((f) => f.name === name) ?? refuse(`unknown field '${name}'`);
  }

  node(node: FilterNode): Printed {
    const empty = this.emptiness(node);
    if (empty) return empty;
    const parts: Printed[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (value === undefined) continue;
      if (key === "and" || key === "or") {
        const items = value as FilterNode[];
        if (items.length === 0) refuse(`an empty '${key}'`);
        parts.push(
          this.join(
            items.map((item) => this.node(item)),
            key,
          ),
        );
      } else if (key === "not") parts.push(this.not(value as FilterNode));
      else {
        for (const [op, operand] of Object.entries(value as FieldOps)) {
          if (operand !== undefined) parts.push(this.condition(key, op, operand));
        }
      }
    }
    if (parts.length === 0) refuse("a filter without conditions");
    return this.join(parts, "and");
  }

  private join(parts: Printed[], kind: "and" | "or"): Printed {
    const [first] = parts;
    if (parts.length === 1 && first) return first;
    const { gap } = this.style;
    const texts = parts.map((p) =>
      (p.kind === "or" && kind === "and") || this.style.wrap() ? this.paren(p.text) : p.text,
    );
    return { text: texts.join(`${gap()}${kind === "and" ? "&&" : "||"}${gap()}`), kind };
  }

  private paren(text: string): string {
    return `(${this.style.gap()}${text}${this.style.gap()})`;
  }

  /** The translator's "empty" and "not empty" of a text field (`title = ''`, `title != ''`). */
  private emptiness(node: FilterNode): Printed | undefined {
    const pair = node.or ?? node.and;
    if (Object.keys(node).length !== 1 || !pair || pair.length !== 2 || !pair[0] || !pair[1]) return undefined;
    const [a, b] = [single(pair[0]), single(pair[1])];
    if (!a || !b || a.field !== b.field || this.field(a.field).type !== "text") return undefined;
    const isEmpty = node.or && a.op === "isNull" && a.value === true && b.op === "eq" && b.value === "";
    const notEmpty = node.and && a.op === "isNull" && a.value === false && b.op === "ne" && b.value === "";
    if (!isEmpty && !notEmpty) return undefined;
    return this.comparison(a.field, isEmpty ? "=" : "!=", this.text(""), true);
  }

  private not(inner: FilterNode): Printed {
    const one = single(inner);
    const isList = one && this.field(one.field).type === "array";
    if (one && isList && one.op === "has") {
      return this.comparison(one.field, "!~", this.value(this.itemKind(one.field), one.value), false);
    }
    if (one && !isList && (one.op === "contains" || one.op === "startsWith")) {
      return this.comparison(one.field, "!~", this.like(one.op, one.value), false);
    }
    return refuse("'not' around anything but contains, startsWith or has (PocketBase has no NOT)");
  }

  private itemKind(name: string): ValueKind {
    return this.field(name).items ?? "text";
  }

  private like(op: string, value: unknown): string {
    if (typeof value !== "string") return refuse(`${op} with a value that is not text`);
    return this.text(writeLike({ op: op === "startsWith" ? "startsWith" : "contains", text: value }));
  }

  private condition(name: string, op: string, value: unknown): Printed {
    const field = this.field(name);
    const list = () => (Array.isArray(value) && value.length > 0 ? value : refuse(`${op} without a list of values`));
    const each = (itemOp: string, kind: "and" | "or") =>
      this.join(
        list().map((v) => this.condition(name, itemOp, v)),
        kind,
      );
    switch (op) {
      case "eq":
      case "ne":
      case "gt":
      case "gte":
      case "lt":
      case "lte": {
        if (field.type === "text" && value === "" && (op === "eq" || op === "ne")) {
          return refuse(`'${name}' ${op} '' alone (PocketBase's '' also means null)`);
        }
        if (!operatorsFor(field.type).includes(op)) refuse(`'${name}' with ${op}`);
        const sign = SIGNS[op];
        const anyOf = field.type !== "array" && this.style.anyOf();
        return this.comparison(name, anyOf ? `?${sign}` : sign, this.value(field.type, value), true);
      }
      case "contains":
      case "startsWith":
        if (!operatorsFor(field.type).includes(op)) refuse(`'${name}' with ${op}`);
        return this.comparison(name, "~", this.like(op, value), false);
      case "has":
        if (field.type !== "array") refuse(`'${name}' with has`);
        return this.comparison(name, "?=", this.value(this.itemKind(name), value), true);
      case "isNull":
        if (field.type === "text")
          return refuse(`a NULL test on the text field '${name}' (PocketBase's null also means '')`);
        return this.comparison(name, value ? "=" : "!=", "null", true);
      case "in":
        return each("eq", "or");
      case "notIn":
        return each("ne", "and");
      case "hasAny":
        return each("has", "or");
      case "hasAll":
        return each("has", "and");
      default:
        return refuse(`the operator '${op}'`);
    }
  }

  private comparison(name: string, sign: string, operand: string, mayFlip: boolean): Printed {
    const { gap } = this.style;
    const field = pocketBaseName(this.target, name);
    const mirror = mayFlip ? MIRRORED[sign as SignOp] : undefined;
    const text =
      mirror && this.style.flip()
        ? `${operand}${gap()}${mirror}${gap()}${field}`
        : `${field}${gap()}${sign}${gap()}${operand}`;
    return { text, kind: "leaf" };
  }

  private text(value: string): string {
    return writeText(value, this.style.quote(value)) ?? refuse("a text ending with a backslash");
  }

  private value(kind: ValueKind, value: unknown): string {
    if (value instanceof Date) return this.text(this.style.date(value));
    if (typeof value === "boolean") return String(value);
    if (typeof value === "bigint") return String(value);
    if (typeof value === "number") return writeNumber(value) ?? refuse(`the number ${value}`);
    if (typeof value !== "string") return refuse(`the value ${String(value)}`);
    if (kind !== "decimal") return this.text(value);
    const parsed = parseDecimal(value) ?? refuse(`the decimal '${value}'`);
    const digits = `${parsed.integer || "0"}${parsed.fraction ? `.${parsed.fraction}` : ""}`;
    // "-0.50" keeps what the translator would read back: the digits as written.
    return /^-?\d+(\.\d+)?$/.test(value) ? value : `${parsed.negative ? "-" : ""}${digits}`;
  }
}

/** A filter tree in PocketBase's syntax, with the target's PocketBase field names (`created`, `id`). */
export function printFilter(node: FilterNode, target: FilterTarget, style: Partial<PrintStyle> = {}): string {
  return new Printer(target, { ...PLAIN, ...style }).node(node).text;
}
