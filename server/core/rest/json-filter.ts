/**
 * The list filter tree (server/core/filter.ts) in plain JSON: each value by its field's kind, as records' values
 * are (json-codecs.ts). Operators that take a list take one of the field's items; `isNull`, `contains` and
 * `startsWith` take their own values (a flag, a piece of text).
 */

import type { AnyResource } from "../resource";
import { MAX_INPUT_DEPTH } from "../wire";
import {
  codecAt,
  decodeScalar,
  encodeValue,
  type FieldCodec,
  isPlainObject,
  itemCodec,
  type JsonValue,
  plainJson,
  put,
  type Rec,
} from "./json-codecs";

const LIST_OPERATORS = new Set(["in", "notIn", "hasAll", "hasAny"]);
const OWN_VALUE_OPERATORS = new Set(["isNull", "contains", "startsWith"]);

type ValueMap = (codec: FieldCodec, value: unknown) => unknown;

function mapOperators(codec: FieldCodec, ops: unknown, value: ValueMap, other: (v: unknown) => unknown): unknown {
  if (!isPlainObject(ops)) return other(ops);
  const item = itemCodec(codec);
  const out: Rec = {};
  for (const op of Object.keys(ops)) {
    const given = ops[op];
    if (LIST_OPERATORS.has(op)) put(out, op, Array.isArray(given) ? given.map((v) => value(item, v)) : other(given));
    else if (OWN_VALUE_OPERATORS.has(op)) put(out, op, other(given));
    else put(out, op, value(item, given));
  }
  return out;
}

function mapNode(resource: AnyResource, node: unknown, depth: number, value: ValueMap, other: (v: unknown) => unknown) {
  // Past the wire's depth limit a filter is refused anyway (by the schema's nesting rule): left as it came.
  if (!isPlainObject(node) || depth >= MAX_INPUT_DEPTH) return other(node);
  const out: Rec = {};
  for (const key of Object.keys(node)) {
    const given = node[key];
    if ((key === "and" || key === "or") && Array.isArray(given)) {
      put(
        out,
        key,
        given.map((child) => mapNode(resource, child, depth + 1, value, other)),
      );
    } else if (key === "not") put(out, key, mapNode(resource, given, depth + 1, value, other));
    else {
      const codec = codecAt(resource, key);
      put(out, key, codec ? mapOperators(codec, given, value, other) : other(given));
    }
  }
  return out;
}

const asIs = (value: unknown) => value;

/** A filter from JSON (a `filter` query parameter, parsed), as the `list` procedure's schema takes it. */
export function decodeFilter(resource: AnyResource, json: unknown): unknown {
  return mapNode(resource, json, 0, (codec, value) => decodeScalar(codec.kind, value), asIs);
}

/** A filter in the engine's values as JSON: what a client sends as `filter` (tests, SDKs written on the engine). */
export function encodeFilter(resource: AnyResource, filter: unknown): JsonValue {
  return mapNode(resource, filter, 0, encodeValue, (value) => plainJson(value)) as JsonValue;
}
