/**
 * superjson's `serialize`, answered without superjson for the values the API sends back: the same `{ json, meta }`,
 * byte for byte, so every client keeps `superjson.deserialize` (docs/decisions/029-wire-output.md).
 *
 * Why: superjson walks every value through its whole list of transformation rules, copies a path array for every
 * leaf and escapes every key on the way back up. On a page of 20 posts that was about a tenth of the Next process's
 * CPU in `bench:list` (REST, which sends plain JSON, answered the same page 1.14x faster). Answers are plain objects,
 * arrays, strings, numbers, booleans, nulls and Dates; this walks those once, builds a path only where it writes an
 * annotation, and hands anything else (a Map, a bigint, NaN, a class instance, a cycle) to superjson itself, so the
 * output never differs from superjson's. `wire-output.test.ts` checks that on generated values.
 */
import superjson from "superjson";
import { isoString } from "./iso-date";

type SuperJSONResult = ReturnType<typeof superjson.serialize>;

/** Thrown inside the walk when a value is outside what this serializer writes itself; superjson takes over. */
const NOT_MINE = Symbol("superjson's");

/** A path as superjson writes it (escaped keys joined by dots), and how many keys it has. */
type Path = { text: string; depth: number };

/**
 * What an object or Date already walked produced: superjson reuses it for every later sighting. `to` is -1 while
 * the object's own members are being walked (meeting it then is a cycle).
 */
type Walked = { value: unknown; from: number; to: number; first: Path; others: Path[] | undefined };

/** superjson's path escaping (`pathstringifier.escapeKey`): backslashes and dots. */
function escapeKey(key: string): string {
  return key.includes("\\") || key.includes(".") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
}
const child = (path: Path, key: string): Path => ({
  text: path.depth === 0 ? escapeKey(key) : `${path.text}.${escapeKey(key)}`,
  depth: path.depth + 1,
});
const ROOT: Path = { text: "", depth: 0 };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && value !== Object.prototype;
}

class Walk {
  /** Annotations in the order superjson writes them: the path from the root, and the type. */
  readonly annotations: [Path, string][] = [];
  /** Every non-primitive met, with the paths it was met at (superjson's `identities`). */
  readonly seen = new Map<object, Walked>();

  value(value: unknown, path: Path): unknown {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        // NaN, ±Infinity and -0 are annotated by superjson (and NaN is even tracked as an identity): its business.
        if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_MINE;
        return value;
      case "undefined":
        this.annotations.push([path, "undefined"]);
        return null;
      case "object":
        return value === null ? null : this.object(value, path);
      default:
        throw NOT_MINE; // bigint, symbol, function
    }
  }

  private object(value: object, path: Path): unknown {
    const before = this.seen.get(value);
    if (before) return this.again(before, path);
    if (value instanceof Date) {
      if (Number.isNaN(value.valueOf())) throw NOT_MINE;
      const from = this.annotations.length;
      this.annotations.push([path, "Date"]);
      const iso = isoString(value);
      this.seen.set(value, { value: iso, from, to: from + 1, first: path, others: undefined });
      return iso;
    }
    const array = Array.isArray(value);
    if (!array && !isPlainObject(value)) throw NOT_MINE;
    const walked: Walked = { value: undefined, from: this.annotations.length, to: -1, first: path, others: undefined };
    this.seen.set(value, walked);
    let out: unknown;
    if (array) {
      // Holes and extra properties are walked differently by superjson's Object.entries.
      if (Object.keys(value).length !== value.length) throw NOT_MINE;
      const items: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) items[i] = this.item(value[i], path, String(i));
      out = items;
    } else {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) throw NOT_MINE; // superjson refuses these itself
        record[key] = this.item((value as Record<string, unknown>)[key], path, key);
      }
      out = record;
    }
    walked.value = out;
    walked.to = this.annotations.length;
    return out;
  }

  /** A member: strings, finite numbers, booleans and null as they are, without building their path. */
  private item(value: unknown, parent: Path, key: string): unknown {
    const type = typeof value;
    if (type === "string" || type === "boolean" || value === null) return value;
    if (type === "number" && Number.isFinite(value) && !Object.is(value, -0)) return value;
    return this.value(value, child(parent, key));
  }

  /** A value met before: superjson writes the first result again, with its annotations under this path too. */
  private again(before: Walked, path: Path): unknown {
    if (before.to < 0) throw NOT_MINE; // a cycle: superjson writes null there
    const first = before.first;
    if (before.others) before.others.push(path);
    else before.others = [path];
    for (let i = before.from; i < before.to; i++) {
      const [inner, type] = this.annotations[i] as [Path, string];
      // The annotation's path below the first sighting, moved under this one.
      const rest = first.depth === 0 ? inner.text : inner.text.slice(first.text.length + 1);
      const depth = path.depth + inner.depth - first.depth;
      const text = inner.depth === first.depth ? path.text : path.depth === 0 ? rest : `${path.text}.${rest}`;
      this.annotations.push([{ text, depth }, type]);
    }
    return before.value;
  }
}

/** Exactly what `superjson.serialize(value)` returns; faster on plain data. */
export function serializeOutput(value: unknown): SuperJSONResult {
  const walk = new Walk();
  let json: unknown;
  try {
    json = walk.value(value, ROOT);
  } catch (error) {
    if (error === NOT_MINE) return superjson.serialize(value);
    throw error;
  }
  const result: SuperJSONResult = { json: json as SuperJSONResult["json"] };
  const meta: NonNullable<SuperJSONResult["meta"]> = {};
  if (walk.annotations.length > 0) meta.values = valuesOf(walk.annotations);
  const equalities = referentialEqualities(walk.seen);
  if (equalities) meta.referentialEqualities = equalities;
  if (meta.values || meta.referentialEqualities) {
    meta.v = 1;
    result.meta = meta;
  }
  return result;
}

type Values = NonNullable<NonNullable<SuperJSONResult["meta"]>["values"]>;
type Equalities = NonNullable<NonNullable<SuperJSONResult["meta"]>["referentialEqualities"]>;

/** superjson's annotation tree for leaves only: `{ "a.b": ["Date"] }`, or `["Date"]` for the root itself. */
function valuesOf(annotations: [Path, string][]): Values {
  const [first] = annotations;
  if (first && first[0].depth === 0) return [first[1]] as Values;
  const values: Record<string, [string]> = {};
  if (annotations.some(([path]) => path.depth > 1 && INDEX_LAST.test(path.text))) {
    for (const [key, type] of nestedOrder(annotations)) values[key] = [type];
    return values as Values;
  }
  for (const [path, type] of annotations) values[path.text] = [type];
  return values as Values;
}

/** A path whose last key reads as an array index: superjson may have ordered it before its siblings. */
const INDEX_LAST = /\.(?:0|[1-9]\d*)$/;

type Node = { type?: string; children: Map<string, Node> };

/**
 * The annotations in superjson's own order. superjson keeps each object's or array's annotations in a JS object of
 * its own and flattens them level by level, so in every container a direct child whose key reads as an integer ("1")
 * goes before its deeper siblings ("0.0"), as JS orders such keys; only the root's order is kept by `values` itself.
 * Rebuilt the same way here, only when a path ends in an index below the root (engine pages never do).
 */
function nestedOrder(annotations: [Path, string][]): [string, string][] {
  const root: Node = { children: new Map() };
  for (const [path, type] of annotations) {
    let node = root;
    for (const key of pathKeys(path.text)) {
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.type = type;
  }
  const flatten = (node: Node): [string, string][] => {
    const inner: Record<string, string> = {};
    for (const [key, child] of node.children) {
      if (child.type !== undefined) inner[escapeKey(key)] = child.type;
      else for (const [below, type] of flatten(child)) inner[`${escapeKey(key)}.${below}`] = type;
    }
    return Object.entries(inner);
  };
  return flatten(root);
}

/** The keys of a path as superjson escapes them (`pathstringifier.parsePath`): a backslash escapes the next character. */
function pathKeys(text: string): string[] {
  const keys: string[] = [];
  let key = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\\" && i + 1 < text.length) key += text[++i];
    else if (char === ".") {
      keys.push(key);
      key = "";
    } else key += char;
  }
  keys.push(key);
  return keys;
}

/** superjson's `generateReferentialEqualityAnnotations` (no dedupe): shortest path first, the others after it. */
function referentialEqualities(seen: Map<object, Walked>): Equalities | undefined {
  const result: Record<string, string[]> = {};
  let root: string[] | undefined;
  let any = false;
  for (const { first, others: more } of seen.values()) {
    if (!more) continue;
    const [representative, ...others] = [first, ...more].sort((a, b) => a.depth - b.depth) as [Path, ...Path[]];
    const texts = others.map((path) => path.text);
    if (representative.depth === 0) root = texts;
    else {
      result[representative.text] = texts;
      any = true;
    }
  }
  if (root) return (any ? [root, result] : [root]) as Equalities;
  return any ? (result as Equalities) : undefined;
}
