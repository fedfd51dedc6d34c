/**
 * PocketBase's `fields` query parameter (docs/pocketbase.md): which keys of an answer to keep, `fields=id,title,
 * expand.author.name`, `*` for every key at its level, and the `:excerpt(max, withEllipsis?)` modifier that turns a
 * text (HTML or plain) into a short plain-text excerpt. On a list it applies to each item, as in PocketBase. Parsed
 * once into a tree and bounded; a malformed expression is a PocketBaseFieldsError for a 400, never a partial answer.
 */
import { isPlainObject, type JsonValue, put, type Rec } from "../rest/json-codecs";

export const MAX_FIELDS_LENGTH = 1000;
export const MAX_FIELDS = 100;
const MAX_PATH_DEPTH = 6;
const MAX_EXCERPT = 10_000;
const NAME = /^(?:\*|[A-Za-z_$][\w$]{0,99})$/;

export class PocketBaseFieldsError extends Error {
  override readonly name = "PocketBaseFieldsError";
}

interface Excerpt {
  max: number;
  ellipsis: boolean;
}

/** A level of the picked shape: each key to keep, with what to keep below it (or a modifier for a final key). */
export interface FieldsTree {
  keys: Map<string, FieldsTree | Excerpt | null>;
}

/** Splits on commas outside parentheses, so `content:excerpt(200,true)` stays one field. */
function splitFields(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new PocketBaseFieldsError("has a ')' without its '('");
  }
  if (depth !== 0) throw new PocketBaseFieldsError("has a '(' without its ')'");
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

function readModifier(text: string): Excerpt {
  const m = /^excerpt\(\s*([^,()]*?)\s*(?:,\s*([^,()]*?)\s*)?\)$/.exec(text);
  if (!m) throw new PocketBaseFieldsError(`has an unknown modifier; only excerpt(max, withEllipsis?) is supported`);
  const max = Number(m[1]);
  if (!/^\d{1,6}$/.test(m[1] ?? "") || max <= 0 || max > MAX_EXCERPT) {
    throw new PocketBaseFieldsError(`excerpt's max must be a whole number from 1 to ${MAX_EXCERPT}`);
  }
  const flag = (m[2] ?? "false").toLowerCase();
  if (!["1", "t", "true", "0", "f", "false"].includes(flag)) {
    throw new PocketBaseFieldsError("excerpt's withEllipsis must be true or false");
  }
  return { max, ellipsis: ["1", "t", "true"].includes(flag) };
}

export function parseFields(text: string): FieldsTree {
  if (text.length > MAX_FIELDS_LENGTH)
    throw new PocketBaseFieldsError(`is longer than ${MAX_FIELDS_LENGTH} characters`);
  const root: FieldsTree = { keys: new Map() };
  const fields = splitFields(text);
  if (fields.length > MAX_FIELDS) throw new PocketBaseFieldsError(`names more than ${MAX_FIELDS} fields`);
  for (const field of fields) {
    const colon = field.indexOf(":");
    const path = (colon < 0 ? field : field.slice(0, colon)).trim();
    const modifier = colon < 0 ? null : readModifier(field.slice(colon + 1).trim());
    const names = path.split(".");
    if (names.length > MAX_PATH_DEPTH || !names.every((name) => NAME.test(name))) {
      throw new PocketBaseFieldsError("takes field names joined by dots, like id,title,expand.author.name");
    }
    let level = root;
    names.forEach((name, i) => {
      if (i === names.length - 1) {
        // A whole key wins over a part of it (`expand` and `expand.author` keep all of expand).
        level.keys.set(name, modifier);
        return;
      }
      const below = level.keys.get(name);
      if (below === null || (below && !("keys" in below))) return;
      const next = below ?? { keys: new Map() };
      level.keys.set(name, next);
      level = next;
    });
  }
  return root;
}

function pickValue(value: JsonValue, tree: FieldsTree): JsonValue {
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? pickObject(item, tree) : item));
  return isPlainObject(value) ? pickObject(value, tree) : value;
}

function pickObject(object: Rec, tree: FieldsTree): JsonValue {
  const out: Rec = {};
  const all = tree.keys.get("*");
  for (const key of Object.keys(object)) {
    const rule = tree.keys.has(key) ? tree.keys.get(key) : all;
    if (rule === undefined) continue;
    const value = object[key] as JsonValue;
    if (rule === null) put(out, key, value);
    else if ("keys" in rule) put(out, key, pickValue(value, rule));
    else put(out, key, typeof value === "string" ? excerpt(value, rule) : value);
  }
  return out as JsonValue;
}

/** One record, or each item of a list answer (`{ items }`), as `fields` picks it. */
export function pickFields(answer: JsonValue, tree: FieldsTree, list: boolean): JsonValue {
  if (list && isPlainObject(answer) && Array.isArray(answer.items)) {
    return { ...answer, items: pickValue(answer.items as JsonValue, tree) } as JsonValue;
  }
  return pickValue(answer, tree);
}

/**
 * Plain text from HTML or text: what scripts and styles hold is dropped, tags become spaces, entities of the common
 * kind are read, whitespace collapses; then cut at `max` characters (code points), with "..." if asked.
 */
export function excerpt(text: string, { max, ellipsis }: Excerpt): string {
  const plain = text
    .slice(0, max * 20 + 10_000)
    .replace(/<(script|style|head|template|svg|iframe|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...plain];
  if (chars.length <= max) return plain;
  const cut = chars.slice(0, max).join("").trimEnd();
  return ellipsis ? `${cut}...` : cut;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };
