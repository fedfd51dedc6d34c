/**
 * Corruptions of a generated input: a few edits, each at a node picked by index among all nodes of the value
 * (the root included). Edits never mutate their input (generated values share constants), and are plain data,
 * so fast-check prints and shrinks them.
 */
import fc from "fast-check";
import { Big, badChar, hostileKey, hostileValue } from "./hostile";

export type Edit =
  /** Replace the node with a hostile value. */
  | { kind: "replace"; at: number; value: unknown }
  /** Insert a bad character into a string node (any other node: replace it with the character). */
  | { kind: "taint"; at: number; offset: number; char: string }
  /** Add a key to an object node (any other node: to the root, if it is an object). */
  | { kind: "addKey"; at: number; key: string; value: unknown }
  /** Nest the node under its own key again and again: `{ not: x }` becomes `{ not: { not: ... x } }`. */
  | { kind: "nest"; at: number; depth: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("replace"), at: fc.nat(), value: hostileValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("taint"), at: fc.nat(), offset: fc.nat(), char: badChar }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("addKey"),
      at: fc.nat(),
      key: hostileKey,
      value: fc.oneof(fc.constantFrom<unknown>(1, "x", null, {}, { polluted: true }, []), hostileValue),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("nest"), at: fc.nat(), depth: fc.constantFrom(3, 7, 12, 40, 500) }),
  },
) as fc.Arbitrary<Edit>;

/**
 * A generated valid value broken by one to three edits, or (a third of the time) by exactly one bad character in one
 * of its strings: an input wrong in that one way only, so no other refusal hides what the bad character does (a
 * NUL in a valid search or filter value once reached PostgreSQL as a 500).
 */
export function corrupted(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const edited = fc
    .tuple(valid, fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([value, edits]) => edits.reduce(applyEdit, value));
  const tainted = fc
    .tuple(valid, fc.nat(), fc.nat(), badChar)
    .map(([value, pick, offset, char]) => taintOneString(value, pick, offset, char));
  return fc.oneof({ weight: 2, arbitrary: edited }, { weight: 1, arbitrary: tainted });
}

/** The value with `char` inserted into one of its strings (picked by index), or unchanged if it has none. */
function taintOneString(value: unknown, pick: number, offset: number, char: string): unknown {
  const strings = paths(value).filter((path) => typeof get(value, path) === "string");
  const path = strings[pick % Math.max(1, strings.length)];
  if (!path) return value;
  return update(value, path, (node) => {
    const text = node as string;
    const at = offset % (text.length + 1);
    return text.slice(0, at) + char + text.slice(at);
  });
}

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Every node's path, parents before children. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (isObject(value)) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** A copy of `value` with the node at `path` replaced by `replace(node)`. */
function update(value: unknown, path: Path, replace: (node: unknown) => unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return replace(value);
  if (Array.isArray(value)) return value.map((v, i) => (i === key ? update(v, rest, replace) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  // Defined, not assigned: assigning to a key named `__proto__` would set the prototype instead.
  Object.defineProperty(copy, key, {
    value: update(copy[key], rest, replace),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

function applyEdit(value: unknown, e: Edit): unknown {
  const all = paths(value);
  const path = all[e.at % all.length] ?? [];
  switch (e.kind) {
    case "replace":
      return update(value, path, () => e.value);
    case "taint":
      return update(value, path, (node) => {
        if (typeof node !== "string") return e.char;
        const at = e.offset % (node.length + 1);
        return node.slice(0, at) + e.char + node.slice(at);
      });
    case "addKey": {
      const target = isObject(get(value, path)) ? path : [];
      if (!isObject(get(value, target))) return update(value, target, () => ({ [e.key]: e.value }));
      // Object.defineProperty: a key such as `toString` must be an own, enumerable data property.
      return update(value, target, (node) => {
        const copy = { ...(node as Record<string, unknown>) };
        Object.defineProperty(copy, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
        return copy;
      });
    }
    case "nest": {
      const key = path[path.length - 1];
      if (key === undefined) return new Big("nestedObject", e.depth, value);
      return update(value, path, (node) => {
        let nested = node;
        for (let i = 0; i < e.depth; i++) nested = typeof key === "number" ? [nested] : { [key]: nested };
        return nested;
      });
    }
  }
}
