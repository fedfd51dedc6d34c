/**
 * Records and inputs in plain JSON, for the REST API (docs/rest.md): records out with each field by its column's
 * kind (instants as ISO text, calendar dates as days, big integers as digits) and their expanded relations by their
 * targets' fields; create and update data, ids and filters in, as the procedures' schemas take them. What cannot be
 * read exactly is handed on untouched, so the engine's schema refuses it with the message tRPC clients get: one set
 * of messages for every API. Never throws, whatever JSON it is given (json-codecs.ts).
 */
import type { RelationDef } from "../relations";
import type { AnyResource } from "../resource";
import {
  codecAt,
  decodeScalar,
  decodeValue,
  encodeValue,
  fieldCodecs,
  isPlainObject,
  type JsonValue,
  MAX_ENCODE_DEPTH,
  plainJson,
  put,
  type Rec,
  readValue,
} from "./json-codecs";

export { fieldCodecs, type JsonValue, plainJson } from "./json-codecs";
export { decodeFilter, encodeFilter } from "./json-filter";

type Registry = Record<string, AnyResource>;

/** The resource a relation's records belong to; undefined for counts, and for names that are no own relation. */
function targetOf(resource: AnyResource, registry: Registry, name: string): AnyResource | undefined {
  const relations = (resource.relations ?? {}) as Record<string, RelationDef>;
  const rel = Object.hasOwn(relations, name) ? relations[name] : undefined;
  if (!rel || rel.kind === "hasCount" || !Object.hasOwn(registry, rel.target)) return undefined;
  return registry[rel.target];
}

/** Each relation under `expand` by its target's fields: one record (or null), a list of them, or a count as it is. */
function mapExpand(
  resource: AnyResource,
  registry: Registry,
  expand: unknown,
  depth: number,
  each: (target: AnyResource, record: unknown, depth: number) => unknown,
): unknown {
  if (!isPlainObject(expand)) return depth > MAX_ENCODE_DEPTH ? null : plainJson(expand, depth);
  const out: Rec = {};
  for (const name of Object.keys(expand)) {
    const value = expand[name];
    const target = targetOf(resource, registry, name);
    if (!target) put(out, name, plainJson(value, depth + 1));
    else if (Array.isArray(value))
      put(
        out,
        name,
        value.map((record) => each(target, record, depth + 2)),
      );
    else put(out, name, each(target, value, depth + 1));
  }
  return out;
}

/** A record as the REST API answers it. */
export function encodeRecord(resource: AnyResource, registry: Registry, item: unknown, depth = 0): JsonValue {
  if (!isPlainObject(item) || depth > MAX_ENCODE_DEPTH) return plainJson(item, depth);
  const out: Rec = {};
  for (const key of Object.keys(item)) {
    const value = item[key];
    if (value === undefined) continue;
    const codec = codecAt(resource, key);
    if (codec) put(out, key, encodeValue(codec, value));
    else if (key === "expand")
      put(
        out,
        key,
        mapExpand(resource, registry, value, depth + 1, (target, record, at) =>
          encodeRecord(target, registry, record, at),
        ),
      );
    else put(out, key, plainJson(value, depth + 1));
  }
  return out as JsonValue;
}

/** A list page: its records encoded, the counts as they are, and whether they are an estimate. */
export function encodeList(
  resource: AnyResource,
  registry: Registry,
  page: {
    items: readonly unknown[];
    page: number;
    perPage: number;
    totalItems: number;
    totalPages: number;
    totalEstimated?: true;
  },
) {
  return {
    items: page.items.map((item) => encodeRecord(resource, registry, item)),
    page: page.page,
    perPage: page.perPage,
    totalItems: page.totalItems,
    totalPages: page.totalPages,
    ...(page.totalEstimated ? { totalEstimated: true } : {}),
  };
}

/**
 * A record the REST API answered, back as the engine reads it (Dates, BigInts), expansions included: what a client
 * written in TypeScript (or a test) compares with a tRPC answer. `mode: "string"` timestamps stay ISO text.
 */
export function decodeRecord(resource: AnyResource, registry: Registry, json: unknown, depth = 0): unknown {
  if (!isPlainObject(json) || depth > MAX_ENCODE_DEPTH) return json;
  const out: Rec = {};
  for (const key of Object.keys(json)) {
    const value = json[key];
    const codec = codecAt(resource, key);
    if (codec) put(out, key, value === null ? null : readValue(codec, value));
    else if (key === "expand")
      put(
        out,
        key,
        mapExpand(resource, registry, value, depth + 1, (target, record, at) =>
          decodeRecord(target, registry, record, at),
        ),
      );
    else put(out, key, value);
  }
  return out;
}

/** The codec of the target's id, for writable many-to-many relations (`tags: [id, id]`). */
function linkCodec(resource: AnyResource, registry: Registry | undefined, name: string) {
  const rel = ((resource.relations ?? {}) as Record<string, RelationDef>)[name];
  const target = rel && registry && Object.hasOwn(registry, rel.target) ? registry[rel.target] : undefined;
  return target ? fieldCodecs(target).get(target.info.idKey) : undefined;
}

/**
 * Create data (a POST body) or update data (a PATCH body) as the `create` / `update` procedure's data takes it. Keys
 * the operation does not take are kept, so the schema names them ("... cannot be set here"). `registry` lets the ids
 * of writable many-to-many relations be read by their target's id type (uuid ids need nothing).
 */
export function decodeData(resource: AnyResource, json: unknown, mode: "create" | "update", registry?: Registry) {
  if (!isPlainObject(json)) return json;
  const { info } = resource;
  const writable = new Set(mode === "create" ? info.createKeys : info.updateKeys);
  const links = new Set(info.linkKeys);
  const out: Rec = {};
  for (const key of Object.keys(json)) {
    const value = json[key];
    const codec = writable.has(key) ? codecAt(resource, key) : undefined;
    const link = !codec && links.has(key) && Array.isArray(value) ? linkCodec(resource, registry, key) : undefined;
    if (codec) put(out, key, decodeValue(codec, value));
    else if (link && Array.isArray(value))
      put(
        out,
        key,
        value.map((id) => decodeValue(link, id)),
      );
    else put(out, key, value);
  }
  return out;
}

/** A record id from the URL path: a number for integer keys, a BigInt for bigint ones, else the text itself. */
export function decodeId(resource: AnyResource, text: string): unknown {
  const codec = fieldCodecs(resource).get(resource.info.idKey);
  if (codec?.kind === "integer" && /^-?\d{1,15}$/.test(text)) return Number(text);
  return decodeScalar(codec?.kind, text);
}
