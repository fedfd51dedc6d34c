/**
 * Records as PocketBase clients read and write them (docs/pocketbase.md): `collectionId` and `collectionName` first,
 * the id field as `id`, `createdAt`/`updatedAt` as `created`/`updated` (filter-fields.ts names them the same way in
 * filters), instants in PocketBase's text ("2024-01-01 10:00:00.000Z") and expanded relations under `expand` by the
 * same rules, level by level. A file field holds PocketBase file names (`pocketBaseFileName`): one name, "" for none,
 * or a list. Everything else is the REST API's JSON (server/core/rest/json-values.ts) unchanged. Writes come back
 * the other way: PocketBase names to Atrium's, PocketBase datetimes to ISO text, file names to Atrium's file ids.
 */

import type { FieldConfig } from "../fields";
import type { StoredFile } from "../files/column";
import type { RelationDef } from "../relations";
import type { AnyResource } from "../resource";
import { codecAt, isPlainObject, type JsonValue, put, type Rec } from "../rest/json-codecs";
import { encodeRecord } from "../rest/json-values";
import { atriumField, type FilterTarget, pocketBaseName } from "./filter-fields";
import { isCanonicalInstant, pocketBaseNotation, readDate, writeDate } from "./filter-values";

type Registry = Record<string, AnyResource>;

const targets = new WeakMap<AnyResource, FilterTarget>();

/** The resource's fields as the PocketBase name mapping reads them (built once per definition). */
export function pocketBaseTarget(resource: AnyResource): FilterTarget {
  const known = targets.get(resource);
  if (known) return known;
  const target: FilterTarget = {
    idField: resource.info.idKey,
    fields: Object.keys(resource.info.columns).map((name) => ({
      name,
      type: codecAt(resource, name)?.kind ?? "json",
    })),
  };
  targets.set(resource, target);
  return target;
}

/** The Atrium key for a name a PocketBase client sent (`created` → `createdAt`), or the name itself. */
export function atriumKey(resource: AnyResource, name: string): string {
  return atriumField(pocketBaseTarget(resource), name)?.name ?? name;
}

/** The name a PocketBase client reads for an Atrium key. */
export function pocketBaseKey(resource: AnyResource, key: string): string {
  return pocketBaseName(pocketBaseTarget(resource), key);
}

function isInstant(resource: AnyResource, key: string): boolean {
  const codec = codecAt(resource, key);
  return codec?.kind === "date" && !codec.dateOnly;
}

function instantText(value: JsonValue): JsonValue {
  if (typeof value !== "string") return value;
  // toISOString's text (what the REST encoding writes) needs no parsing to be rewritten.
  if (isCanonicalInstant(value)) return pocketBaseNotation(value);
  const date = readDate(value);
  return date ? writeDate(date) : value;
}

/** A file field's shape, or null for any other field: one file, or a list (`multiple`). */
export function fileFieldShape(resource: AnyResource, key: string): "one" | "many" | null {
  if (codecAt(resource, key)?.kind !== "file") return null;
  const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const options = Object.hasOwn(configs, key) ? configs[key]?.file : undefined;
  return options?.multiple === undefined ? "one" : "many";
}

// ---------------------------------------------------------------------------------------------------------------
// File names. PocketBase names a stored file `<name>_<random>.<ext>`; here the random part is the file's id (its
// 32 hex digits), so a name maps back to the file without a lookup, and it is unique per record. The rest is made
// from the uploader's name for people to read: letters, marks and digits (any script), everything else one `_`,
// so a name needs no more than encodeURIComponent in a path segment and can never be "." or hold "/", "%" or "\".

const MAX_STEM = 100;
const EXTENSION = /\.([A-Za-z0-9]{1,20})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMED_ID = /_([0-9a-f]{32})(?:\.[a-z0-9]{1,20})?$/;
/** Longer than any name `pocketBaseFileName` makes (a stem of 100 code points is at most 200 UTF-16 units). */
const MAX_NAME_LENGTH = 300;

/** The name a PocketBase client reads for a stored file: `quarterly_report_<32 hex>.pdf`. */
export function pocketBaseFileName(file: Pick<StoredFile, "id" | "name">): string {
  const extension = EXTENSION.exec(file.name);
  const base = extension ? file.name.slice(0, -extension[0].length) : file.name;
  const words = base
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  const stem = Array.from(words).slice(0, MAX_STEM).join("").replace(/_+$/, "");
  const suffix = extension ? `.${(extension[1] as string).toLowerCase()}` : "";
  return `${stem || "file"}_${file.id.replace(/-/g, "").toLowerCase()}${suffix}`;
}

/** The file id a PocketBase file name (or an Atrium file id) stands for; null for any other text. */
export function fileIdOfName(name: string): string | null {
  if (UUID.test(name)) return name.toLowerCase();
  if (name.length > MAX_NAME_LENGTH) return null;
  const hex = NAMED_ID.exec(name)?.[1];
  if (!hex) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isStored(value: unknown): value is Pick<StoredFile, "id" | "name"> {
  return isPlainObject(value) && typeof value.id === "string" && typeof value.name === "string";
}

/** A file field's value as PocketBase clients read it: the file's name ("" for none), or a list of names. */
function fileNames(shape: "one" | "many", value: JsonValue): JsonValue {
  if (shape === "many") return Array.isArray(value) ? value.filter(isStored).map(pocketBaseFileName) : [];
  return isStored(value) ? pocketBaseFileName(value) : "";
}

/**
 * File references from a PocketBase client as the engine takes them: names and ids become ids, "" and null
 * nothing; anything else stays as sent, so the engine's schema refuses it on the field.
 */
export function fileRefs(value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => {
    if (item === null || item === undefined || item === "") return [];
    if (typeof item !== "string") return [item];
    return [fileIdOfName(item) ?? item];
  });
}

/** A file field's value from a PocketBase client: one reference (null for none), or a list. */
function fileWrite(shape: "one" | "many", value: unknown): unknown {
  const refs = fileRefs(value);
  if (shape === "many") return refs;
  // A list of several for one file is left for the engine to refuse by name; PocketBase would keep the last.
  return refs.length > 1 ? refs : (refs[0] ?? null);
}

/** PocketBase's file modifiers: `+attachments` prepends, `attachments+` appends, `attachments-` removes. */
export type FileModifier = "prepend" | "append" | "remove";

const MODIFIERS: readonly [FileModifier, (name: string) => string | null][] = [
  ["prepend", (name) => (name.startsWith("+") ? name.slice(1) : null)],
  ["append", (name) => (name.endsWith("+") ? name.slice(0, -1) : null)],
  ["remove", (name) => (name.endsWith("-") ? name.slice(0, -1) : null)],
];

/** The file field and modifier a body key names (`attachments-`), or null when it names none. */
export function fileModifierOf(resource: AnyResource, name: string): { field: string; modifier: FileModifier } | null {
  for (const [modifier, fieldOf] of MODIFIERS) {
    const field = fieldOf(name);
    if (field && fileFieldShape(resource, field)) return { field, modifier };
  }
  return null;
}

function relationTarget(resource: AnyResource, registry: Registry, name: string): AnyResource | undefined {
  const relations = (resource.relations ?? {}) as Record<string, RelationDef>;
  const rel = Object.hasOwn(relations, name) ? relations[name] : undefined;
  if (!rel || rel.kind === "hasCount" || !Object.hasOwn(registry, rel.target)) return undefined;
  return registry[rel.target];
}

/** A record as the REST API encodes it, in PocketBase's shape. */
export function pocketBaseRecord(resource: AnyResource, registry: Registry, json: JsonValue): JsonValue {
  if (!isPlainObject(json)) return json;
  const out: Rec = { collectionId: resource.name, collectionName: resource.name };
  for (const key of Object.keys(json)) {
    const value = json[key] as JsonValue;
    if (key === "expand" && isPlainObject(value)) {
      put(out, key, pocketBaseExpand(resource, registry, value));
      continue;
    }
    const files = fileFieldShape(resource, key);
    const shown = files ? fileNames(files, value) : isInstant(resource, key) ? instantText(value) : value;
    put(out, pocketBaseKey(resource, key), shown);
  }
  return out as JsonValue;
}

function pocketBaseExpand(resource: AnyResource, registry: Registry, expand: Rec): Rec {
  const out: Rec = {};
  for (const name of Object.keys(expand)) {
    const value = expand[name] as JsonValue;
    const target = relationTarget(resource, registry, name);
    if (!target) put(out, name, value);
    else if (Array.isArray(value))
      put(
        out,
        name,
        value.map((item) => pocketBaseRecord(target, registry, item)),
      );
    else put(out, name, value === null ? null : pocketBaseRecord(target, registry, value));
  }
  return out;
}

/** A record as the engine returns it (Dates, BigInts), in PocketBase's shape: for live events and auth answers. */
export function pocketBaseRecordFromEngine(resource: AnyResource, registry: Registry, item: unknown): JsonValue {
  return pocketBaseRecord(resource, registry, encodeRecord(resource, registry, item));
}

/**
 * A create or update body from a PocketBase client, as the REST API takes it: names mapped back, PocketBase's
 * datetime text as ISO, file names as file ids. A file modifier (`attachments-`) keeps its key with its names as
 * ids: applying it needs the record as it is (server/http/pocketbase/files-modifiers.ts). Unknown keys stay, so
 * the engine's schema names them.
 */
export function fromPocketBaseData(resource: AnyResource, body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const out: Rec = {};
  for (const name of Object.keys(body)) {
    const key = atriumKey(resource, name);
    const value = body[name];
    const files = fileFieldShape(resource, key);
    if (files) {
      put(out, key, fileWrite(files, value));
      continue;
    }
    if (fileModifierOf(resource, name)) {
      put(out, name, fileRefs(value));
      continue;
    }
    const date = isInstant(resource, key) && typeof value === "string" ? readDate(value) : undefined;
    put(out, key, date ? date.toISOString() : value);
  }
  return out;
}
