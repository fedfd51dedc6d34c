/**
 * Declarative field rules as zod refinements, with the messages users see. Pure (zod only) so the browser's generated
 * forms apply exactly these checks, with exactly these messages, before the server applies them again.
 */
import { z } from "zod";
import { compareDecimal, numberToDecimal, parseDecimal } from "./decimal";
import type { FieldRules } from "./fields";
import type { ValueKind } from "./values";

/**
 * The longest text a field takes when its definition names no `maxLength`: long enough for any line of text or a
 * note, short enough that one request cannot park megabytes in a column nobody sized. Raise it per field
 * (`rules: { maxLength: 100_000 }`); varchar(n) columns keep their own n.
 */
export const DEFAULT_TEXT_MAX_LENGTH = 10_000;

/** The most items an array field takes when its definition names no `maxItems`. */
export const DEFAULT_MAX_ITEMS = 100;

const LOWER = ["min", "minLength", "minItems"] as const;
const UPPER = ["max", "maxLength", "maxItems"] as const;

/**
 * The rules a field is validated with: its own, within the bounds its column type implies (a declared bound can
 * only narrow them), plus the default maximum length of text and of lists when it names none.
 */
export function effectiveRules(
  declared: FieldRules | undefined,
  kind: ValueKind,
  items?: ValueKind,
  implied?: FieldRules,
): FieldRules | undefined {
  const out: FieldRules = { ...declared };
  for (const key of LOWER) {
    const bounds = [declared?.[key], implied?.[key]].filter((v) => v !== undefined);
    if (bounds.length) out[key] = Math.max(...bounds);
  }
  for (const key of UPPER) {
    const bounds = [declared?.[key], implied?.[key]].filter((v) => v !== undefined);
    if (bounds.length) out[key] = Math.min(...bounds);
  }
  if ((kind === "text" || items === "text") && out.maxLength === undefined) out.maxLength = DEFAULT_TEXT_MAX_LENGTH;
  if (kind === "array" && out.maxItems === undefined) out.maxItems = DEFAULT_MAX_ITEMS;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The rules that apply to each item of an array (all but the list's own size). */
export function itemRules(rules: FieldRules | undefined): FieldRules | undefined {
  if (!rules) return undefined;
  const { minItems: _min, maxItems: _max, ...each } = rules;
  return Object.keys(each).length > 0 ? each : undefined;
}

function textRules(s: z.ZodString, rules: FieldRules, label: string): z.ZodString {
  let out = s;
  if (rules.minLength !== undefined)
    out = out.min(rules.minLength, `${label} must be at least ${rules.minLength} characters`);
  if (rules.maxLength !== undefined)
    out = out.max(rules.maxLength, `${label} must be at most ${rules.maxLength} characters`);
  if (rules.format === "email") out = out.email(`${label} must be an email address`);
  if (rules.format === "url") out = out.url(`${label} must be a URL`);
  if (rules.format === "slug") out = out.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} must be a slug`);
  if (rules.pattern) out = out.regex(new RegExp(rules.pattern.source), rules.pattern.message);
  return out;
}

/** Decimal bounds compare digit by digit: "-0.001" is below `min: 0`, whatever a float would round it to. */
function decimalRules(s: z.ZodType, rules: FieldRules, label: string): z.ZodType {
  let out = s;
  const { min, max } = rules;
  const within = (value: unknown, bound: number, sign: 1 | -1) =>
    typeof value !== "string" || !parseDecimal(value) || compareDecimal(value, numberToDecimal(bound)) * sign >= 0;
  if (min !== undefined)
    out = out.refine((v) => within(v, min, 1), `${label} must be at least ${numberToDecimal(min)}`);
  if (max !== undefined)
    out = out.refine((v) => within(v, max, -1), `${label} must be at most ${numberToDecimal(max)}`);
  return out;
}

function bigintRules(s: z.ZodBigInt, rules: FieldRules, label: string): z.ZodBigInt {
  let out = s;
  if (rules.min !== undefined) {
    const min = BigInt(Math.ceil(rules.min));
    out = out.min(min, `${label} must be at least ${min}`);
  }
  if (rules.max !== undefined) {
    const max = BigInt(Math.floor(rules.max));
    out = out.max(max, `${label} must be at most ${max}`);
  }
  return out;
}

/** Applies the rules that fit the field's kind (a length to text, a bound to numbers, a size to lists). */
export function applyRules(
  schema: z.ZodType,
  rules: FieldRules | undefined,
  label: string,
  kind?: ValueKind,
): z.ZodType {
  if (!rules) return schema;
  if (kind === "decimal") return decimalRules(schema, rules, label);
  if (schema instanceof z.ZodString) return textRules(schema, rules, label);
  if (schema instanceof z.ZodBigInt) return bigintRules(schema, rules, label);
  if (schema instanceof z.ZodNumber) {
    let s = schema;
    // A value out of bounds gets that one message, not "must be a whole number" too (2^53 is no safe integer).
    if (rules.min !== undefined)
      s = s.min(rules.min, { message: `${label} must be at least ${rules.min}`, abort: true });
    if (rules.max !== undefined)
      s = s.max(rules.max, { message: `${label} must be at most ${rules.max}`, abort: true });
    return s;
  }
  if (schema instanceof z.ZodArray) {
    let s: z.ZodArray = schema;
    if (rules.minItems !== undefined)
      s = s.min(rules.minItems, `${label} must have at least ${rules.minItems} ${plural(rules.minItems)}`);
    if (rules.maxItems !== undefined)
      s = s.max(rules.maxItems, `${label} must have at most ${rules.maxItems} ${plural(rules.maxItems)}`);
    return s;
  }
  return schema;
}

const plural = (n: number) => (n === 1 ? "item" : "items");
