/**
 * The body of a PocketBase create or update: JSON, as the SDK sends plain objects, or a form (`multipart/form-data`,
 * `application/x-www-form-urlencoded`) with its fields as text and PocketBase's `@jsonPayload` field merged in.
 * Files in a form are refused with a 501: Atrium's PocketBase API does not take uploads yet (docs/pocketbase.md).
 * Read within the API's body limit before anything is parsed.
 */
import { isPlainObject } from "@/server/core/rest/json-codecs";
import { readBodyWithin } from "@/server/http/body-limit";
import { gateLimitsFromEnv } from "@/server/http/limits";
import { PocketBaseRefusal, pocketBaseError, refuseField } from "./errors";

type Rec = Record<string, unknown>;

const MAX_FORM_FIELDS = 200;

function put(out: Rec, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function unreadable(): never {
  throw new PocketBaseRefusal(
    pocketBaseError(400, "Failed to load the submitted data due to invalid formatting.", {
      "": { code: "validation_invalid_body", message: "The body is not a JSON object or a form." },
    }),
  );
}

export async function readPocketBaseBody(req: Request): Promise<Rec> {
  const limit = gateLimitsFromEnv().bodyLimitBytes;
  const read = await readBodyWithin(req, limit);
  if (!read.ok) {
    throw new PocketBaseRefusal(pocketBaseError(413, `The request body is larger than ${limit} bytes.`));
  }
  const bytes = read.body;
  if (!bytes || bytes.byteLength === 0) return {};
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    const form = await new Request(req.url, { method: "POST", headers: { "content-type": type }, body: bytes })
      .formData()
      .catch(() => unreadable());
    return fromForm(form);
  }
  if (type !== "" && !/^application\/(?:[\w.+-]+\+)?json\b/.test(type)) {
    throw new PocketBaseRefusal(
      pocketBaseError(415, "Send the body as JSON (Content-Type: application/json) or as a form."),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    unreadable();
  }
  if (!isPlainObject(value)) unreadable();
  return value;
}

function fromForm(form: FormData): Rec {
  const out: Rec = {};
  let count = 0;
  for (const key of new Set(form.keys())) {
    if (++count > MAX_FORM_FIELDS)
      refuseField(key.slice(0, 60), `is past the ${MAX_FORM_FIELDS} fields a form may hold`);
    const values = form.getAll(key);
    if (values.some((value) => typeof value !== "string")) {
      throw new PocketBaseRefusal(
        pocketBaseError(501, "File uploads through the PocketBase API are not supported yet.", {
          [key.slice(0, 60)]: {
            code: "validation_not_supported",
            message: "Upload with POST /api/files/upload and set the field to the answer (docs/files.md).",
          },
        }),
      );
    }
    if (key === "@jsonPayload") {
      for (const text of values as string[]) {
        let payload: unknown;
        try {
          payload = JSON.parse(text);
        } catch {
          refuseField("@jsonPayload", "is not valid JSON");
        }
        if (!isPlainObject(payload)) refuseField("@jsonPayload", "must be a JSON object");
        for (const [name, value] of Object.entries(payload)) put(out, name, value);
      }
      continue;
    }
    put(out, key, values.length === 1 ? values[0] : values);
  }
  return out;
}
