/**
 * PocketBase's file modifiers on a records write (docs/pocketbase.md, "Files"): `+attachments` puts files first,
 * `attachments+` adds them at the end, `attachments-` removes them by name. Atrium's write takes the field's whole
 * new value, so the modifiers are applied here to the field as it is: an update first reads the record as the
 * caller, through the same REST handler (its gate and rules; a record the caller may not see is its 404). Between
 * that read and the write another writer may change the same field; the write then replaces it, as a client that
 * sets the whole list does. `POST /api/batch` does not apply modifiers: there the engine refuses the key.
 */
import { fileFieldShape, fileModifierOf } from "@/server/core/pocketbase/record";
import type { AnyResource } from "@/server/core/resource";
import { isPlainObject, type JsonValue, put, type Rec } from "@/server/core/rest/json-codecs";
import { PocketBaseRefusal, pocketBaseError, refuseField } from "./errors";
import type { RecordsCall } from "./records";

type RestCall = (req: Request) => Promise<Response>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The file id a reference stands for (an id, or a descriptor as read); anything else is itself. */
function idOf(ref: unknown): unknown {
  return isPlainObject(ref) && typeof ref.id === "string" ? ref.id.toLowerCase() : ref;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [value];
}

/** The ids a record's file field holds, from the REST API's answer (a descriptor, null, or a list of them). */
function heldIds(value: unknown): string[] {
  return asList(value).flatMap((file) => {
    const id = idOf(file);
    return typeof id === "string" ? [id] : [];
  });
}

/**
 * `body` with its file modifiers applied: each modified field gets its whole new value (`current` gives a field's
 * ids as the record holds them; a value set in the same body is the base instead), and the modifier keys go. A
 * name to remove that names no file at all is a 400 on its key; one the field does not hold is nothing to do.
 */
export function applyFileModifiers(resource: AnyResource, body: Rec, current: (field: string) => string[]): Rec {
  const out: Rec = { ...body };
  const fields = new Set<string>();
  for (const key of Object.keys(body)) {
    const found = fileModifierOf(resource, key);
    if (found) fields.add(found.field);
  }
  for (const field of fields) {
    const base = Object.hasOwn(body, field) ? asList(body[field]) : current(field);
    const given = (key: string) => (Object.hasOwn(body, key) ? asList(body[key]) : []);
    const removed = new Set(
      given(`${field}-`).map((ref) => {
        const id = idOf(ref);
        if (typeof id !== "string" || !UUID.test(id)) refuseField(`${field}-`, "takes names of the field's files");
        return id.toLowerCase();
      }),
    );
    const seen = new Set<unknown>();
    const kept = [...given(`+${field}`), ...base, ...given(`${field}+`)].filter((ref) => {
      const id = idOf(ref);
      if (seen.has(id) || (typeof id === "string" && removed.has(id.toLowerCase()))) return false;
      seen.add(id);
      return true;
    });
    for (const key of [`+${field}`, `${field}+`, `${field}-`]) delete out[key];
    // One file keeps the last one named, as PocketBase's single file field does.
    put(out, field, fileFieldShape(resource, field) === "many" ? kept : (kept.at(-1) ?? null));
  }
  return out;
}

function hasModifiers(resource: AnyResource, body: unknown): body is Rec {
  return isPlainObject(body) && Object.keys(body).some((key) => fileModifierOf(resource, key) !== null);
}

/** The REST API's refusal of the read (a 404 for a record the caller may not see, a 429...) as PocketBase's. */
function readRefusal(answer: Response, json: JsonValue): Response {
  const message = isPlainObject(json) && typeof json.message === "string" ? json.message : "The request was refused.";
  const refused = pocketBaseError(answer.status, message);
  for (const [name, value] of answer.headers) {
    if (name !== "content-type" && name !== "content-length") refused.headers.set(name, value);
  }
  return refused;
}

/**
 * The records API's step before a write (records.ts): a call whose body uses file modifiers, with them applied;
 * or the answer when it cannot be (the record is not there for the caller, a modifier is malformed).
 */
export async function withFileModifiers(
  call: RecordsCall,
  req: Request,
  rest: RestCall,
): Promise<RecordsCall | Response> {
  const { resource, body } = call;
  if (!hasModifiers(resource, body)) return call;
  let record: Rec = {};
  if (call.operation === "update") {
    const headers = new Headers(req.headers);
    headers.delete("content-type");
    headers.delete("content-length");
    const answer = await rest(new Request(new URL(call.target, req.url), { headers }));
    const json = (await answer.json().catch(() => null)) as JsonValue;
    if (!answer.ok) return readRefusal(answer, json);
    record = isPlainObject(json) ? json : {};
  }
  try {
    return {
      ...call,
      body: applyFileModifiers(resource, body, (field) => {
        if (call.operation === "update" && !Object.hasOwn(record, field)) {
          refuseField(field, "cannot be changed with + or - by a caller who may not read it; set the whole field");
        }
        return heldIds(record[field]);
      }),
    };
  } catch (error) {
    if (error instanceof PocketBaseRefusal) return error.response;
    throw error;
  }
}
