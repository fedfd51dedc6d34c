/**
 * The bodies of PocketBase's auth endpoints: JSON, a urlencoded form or multipart form data (all three are what
 * PocketBase binds), read within a small byte limit, into named fields. Fields are read by name from a Map, never from
 * an object the client shaped, so `__proto__` and friends cannot stand in for one; such keys are refused, as the
 * engine refuses them (server/core/wire.ts). Other unknown keys are ignored, as PocketBase ignores them.
 *
 * Every problem is a 400 in PocketBase's shape naming the field, decided before anything is written.
 */
import { PROTOTYPE_KEYS } from "@/server/core/errors";
import { isStorableText } from "@/server/core/wire";
import { declaresTooLarge, readBodyWithin } from "../body-limit";
import { type PocketBaseErrorData, pocketBaseError } from "./errors";

/** An email, a password of at most 1024 characters and a token fit many times over, in any of the three encodings. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

export const LOAD_FAILED = "An error occurred while loading the submitted data.";
export const VALIDATION_FAILED = "An error occurred while validating the submitted data.";

export type FormRead = { ok: true; form: AuthForm } | { ok: false; response: Response };

const loadFailure = (data: PocketBaseErrorData = {}): FormRead => ({
  ok: false,
  response: pocketBaseError(400, LOAD_FAILED, data),
});

/** The request's body as fields, or the answer refusing it. */
export async function readAuthForm(req: Request): Promise<FormRead> {
  if (declaresTooLarge(req.headers, MAX_AUTH_BODY_BYTES)) return tooLarge();
  const read = await readBodyWithin(req, MAX_AUTH_BODY_BYTES);
  if (!read.ok) return tooLarge();
  const contentType = req.headers.get("content-type") ?? "";
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (!read.body || read.body.byteLength === 0) return { ok: true, form: new AuthForm(new Map()) };
  if (type === "" || type === "application/json" || type.endsWith("+json")) return jsonFields(read.body);
  if (type === "application/x-www-form-urlencoded") {
    const text = utf8(read.body);
    if (text === null) return loadFailure();
    return formFields(new URLSearchParams(text));
  }
  if (type === "multipart/form-data") {
    try {
      const data = await new Response(read.body, { headers: { "content-type": contentType } }).formData();
      return formFields(data);
    } catch {
      return loadFailure();
    }
  }
  return {
    ok: false,
    response: pocketBaseError(415, "Send the body as JSON, a urlencoded form or multipart form data."),
  };
}

function tooLarge(): FormRead {
  return { ok: false, response: pocketBaseError(413, `The request body is larger than ${MAX_AUTH_BODY_BYTES} bytes.`) };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function jsonFields(bytes: Uint8Array): FormRead {
  const text = utf8(bytes);
  if (text === null) return loadFailure();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return loadFailure();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return loadFailure();
  const fields = new Map<string, unknown>();
  for (const key of Object.keys(parsed)) fields.set(key, (parsed as Record<string, unknown>)[key]);
  return checked(fields);
}

/** A form's fields; a name sent twice keeps both values, so the field is refused instead of one silently winning. */
function formFields(data: URLSearchParams | FormData): FormRead {
  const fields = new Map<string, unknown>();
  for (const [key, value] of data.entries()) {
    const before = fields.get(key);
    if (before === undefined) fields.set(key, value);
    else fields.set(key, Array.isArray(before) ? [...before, value] : [before, value]);
  }
  return checked(fields);
}

function checked(fields: Map<string, unknown>): FormRead {
  for (const key of fields.keys()) {
    if (PROTOTYPE_KEYS.has(key)) {
      return loadFailure(fieldError(key, "validation_invalid_key", `${key} cannot be used as a key.`));
    }
  }
  return { ok: true, form: new AuthForm(fields) };
}

function fieldError(field: string, code: string, message: string): PocketBaseErrorData {
  return putFieldError({}, field, code, message);
}

/** defineProperty, not assignment: the key may be the client's, and "__proto__" must stay an own key of the answer. */
function putFieldError(data: PocketBaseErrorData, field: string, code: string, message: string): PocketBaseErrorData {
  Object.defineProperty(data, field, {
    value: { code, message },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return data;
}

export interface TextRule {
  max: number;
  /** Default true: a missing or empty value is "Cannot be blank.". */
  required?: boolean;
}

/** The fields of one body and the errors found reading them; `errors()` answers them all at once. */
export class AuthForm {
  private readonly found: PocketBaseErrorData = {};

  constructor(private readonly fields: ReadonlyMap<string, unknown>) {}

  /** The text of a field (untrimmed: passwords are what they are), "" when missing, or "" with an error recorded. */
  text(name: string, rule: TextRule): string {
    const value = this.fields.get(name);
    if (value === undefined || value === null || value === "") {
      if (rule.required !== false) this.fail(name, "validation_required", "Cannot be blank.");
      return "";
    }
    if (typeof value !== "string") return this.fail(name, "validation_invalid_type", "Must be text.");
    if (value.length > rule.max) {
      return this.fail(name, "validation_length_out_of_range", `The length must be between 1 and ${rule.max}.`);
    }
    if (!isStorableText(value)) {
      return this.fail(name, "validation_invalid_value", "Remove the invalid characters (NUL, broken Unicode).");
    }
    return value;
  }

  /** Records an error on a field (the first one per field is kept) and returns "" for the caller's convenience. */
  fail(name: string, code: string, message: string): "" {
    if (!Object.hasOwn(this.found, name)) putFieldError(this.found, name, code, message);
    return "";
  }

  /** The 400 answering every error found so far, or null when there is none. */
  errors(): Response | null {
    return Object.keys(this.found).length > 0 ? pocketBaseError(400, VALIDATION_FAILED, this.found) : null;
  }
}
