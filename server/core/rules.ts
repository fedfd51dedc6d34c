/**
 * Declarative field rules as zod refinements, with the messages users see. Pure (zod only) so the browser's generated
 * forms apply exactly these checks, with exactly these messages, before the server applies them again.
 */
import { z } from "zod";
import type { FieldRules } from "./fields";

/**
 * The longest text a field takes when its definition names no `maxLength`: long enough for any line of text or a
 * note, short enough that one request cannot park megabytes in a column nobody sized. Raise it per field
 * (`rules: { maxLength: 100_000 }`); varchar(n) columns keep their own n.
 */
export const DEFAULT_TEXT_MAX_LENGTH = 10_000;

/** The rules a text field is validated with: its own, with the default maximum length when it names none. */
export function effectiveRules(
  rules: FieldRules | undefined,
  isText: boolean,
  columnLength?: number,
): FieldRules | undefined {
  if (!isText || rules?.maxLength !== undefined) return rules;
  return { ...rules, maxLength: columnLength ?? DEFAULT_TEXT_MAX_LENGTH };
}

export function applyRules(schema: z.ZodType, rules: FieldRules | undefined, label: string): z.ZodType {
  if (!rules) return schema;
  let s = schema;
  if (s instanceof z.ZodString) {
    if (rules.minLength !== undefined)
      s = (s as z.ZodString).min(rules.minLength, `${label} must be at least ${rules.minLength} characters`);
    if (rules.maxLength !== undefined)
      s = (s as z.ZodString).max(rules.maxLength, `${label} must be at most ${rules.maxLength} characters`);
    if (rules.format === "email") s = (s as z.ZodString).email(`${label} must be an email address`);
    if (rules.format === "url") s = (s as z.ZodString).url(`${label} must be a URL`);
    if (rules.format === "slug") s = (s as z.ZodString).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} must be a slug`);
    if (rules.pattern) s = (s as z.ZodString).regex(new RegExp(rules.pattern.source), rules.pattern.message);
  }
  if (s instanceof z.ZodNumber) {
    if (rules.min !== undefined) s = (s as z.ZodNumber).min(rules.min, `${label} must be at least ${rules.min}`);
    if (rules.max !== undefined) s = (s as z.ZodNumber).max(rules.max, `${label} must be at most ${rules.max}`);
  }
  return s;
}
