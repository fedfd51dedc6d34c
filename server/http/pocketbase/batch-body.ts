/**
 * The body of `POST /api/batch` (docs/pocketbase.md, "Batch"): `{ requests: [{ method, url, body?, headers? }] }` as
 * JSON, or as a form whose `@jsonPayload` field holds that JSON (the `pocketbase` SDK always sends the form). Read
 * within the API's body limit and checked in PocketBase's two steps: a value of the wrong type is "Failed to read the
 * submitted batch data.", a missing or out-of-range one "Invalid batch request data." listing every bad request; both
 * name the field as `data.requests.<i>.<field>`. Nothing here knows the collections: batch-plan.ts reads the URLs.
 */
import { isPlainObject } from "@/server/core/rest/json-codecs";
import { readBodyWithin } from "@/server/http/body-limit";
import { PocketBaseRefusal, pocketBaseError, pocketBaseJson } from "./errors";

/** PocketBase's default `batch.maxRequests`. */
export const MAX_BATCH_REQUESTS = 50;
/** PocketBase's limit on a request's URL. */
const MAX_URL_LENGTH = 2000;
/** Headers a request may carry (they are read and ignored: batch-plan.ts says why). */
const MAX_HEADERS = 50;
const MAX_HEADER_LENGTH = 8192;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const ITEM_KEYS = ["method", "url", "body", "headers"];

/** One request of a batch, its shape checked. */
export interface BatchItem {
  method: string;
  url: string;
  /** The record's fields by PocketBase's names; null when none were sent. */
  body: Record<string, unknown> | null;
}

type FieldProblem = { code: string; message: string };

/** PocketBase's nested `data`: `{ requests: { "<i>": { "<field>": { code, message } } } }`. */
type Nested = { [key: string]: FieldProblem | Nested };

function nest(path: readonly string[], problem: FieldProblem): Nested {
  let node: FieldProblem | Nested = problem;
  for (const key of [...path].reverse()) node = Object.fromEntries([[key, node]]) as Nested;
  return node as Nested;
}

function unreadable(path: readonly string[], message: string): never {
  throw new PocketBaseRefusal(
    pocketBaseJson(400, {
      status: 400,
      message: "Failed to read the submitted batch data.",
      data: nest(path, { code: "validation_invalid_value", message }),
    }),
  );
}

/** Reads and checks the batch body; refuses, with PocketBase's answer, anything that is not a well-formed batch. */
export async function readBatchItems(req: Request, limit: number): Promise<BatchItem[]> {
  const read = await readBodyWithin(req, limit);
  if (!read.ok) throw new PocketBaseRefusal(pocketBaseError(413, `The request body is larger than ${limit} bytes.`));
  const bytes = read.body ?? new Uint8Array();
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const payload = await parsePayload(req.url, type, bytes);
  return checkItems(payload);
}

async function parsePayload(
  url: string,
  type: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Record<string, unknown>> {
  if (bytes.byteLength === 0) return {};
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    const form = await new Request(url, { method: "POST", headers: { "content-type": type }, body: bytes })
      .formData()
      .catch(() => unreadable([""], "The body is not a readable form."));
    return fromForm(form);
  }
  if (type !== "" && !/^application\/(?:[\w.+-]+\+)?json\b/.test(type)) {
    throw new PocketBaseRefusal(
      pocketBaseError(415, "Send the batch as JSON (Content-Type: application/json) or as a form with @jsonPayload."),
    );
  }
  return parseObject(bytes, [""], "The body is not a JSON object.");
}

function parseObject(bytes: Uint8Array | string, path: string[], message: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === "string" ? bytes : new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    unreadable(path, message);
  }
  if (!isPlainObject(value)) unreadable(path, message);
  return value;
}

/**
 * The SDK's form: the batch as JSON in `@jsonPayload`, and each file under `requests.<i>.<field>`. Files are not
 * taken through the PocketBase API yet (as in records, a 501 naming the field); any other field is refused by name.
 */
function fromForm(form: FormData): Record<string, unknown> {
  let payload: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    const name = key.slice(0, 60);
    if (values.some((value) => typeof value !== "string")) {
      throw new PocketBaseRefusal(
        pocketBaseError(501, "File uploads through the PocketBase API are not supported yet.", {
          [name]: {
            code: "validation_not_supported",
            message: "Upload with POST /api/files/upload and set the field to the answer (docs/files.md).",
          },
        }),
      );
    }
    if (key !== "@jsonPayload") unreadable([name], "is not a field of a batch; send the requests in @jsonPayload");
    if (values.length > 1) unreadable(["@jsonPayload"], "is given more than once");
    payload = parseObject(String(values[0]), ["@jsonPayload"], "must be a JSON object: { requests: [...] }");
  }
  return payload;
}

function checkItems(payload: Record<string, unknown>): BatchItem[] {
  for (const key of Object.keys(payload)) {
    if (key !== "requests") unreadable([key.slice(0, 60)], "is not a field of a batch; send { requests: [...] }");
  }
  const requests = payload.requests ?? null;
  if (requests !== null && !Array.isArray(requests)) unreadable(["requests"], "must be a list of requests");
  if (requests === null || requests.length === 0) {
    invalidBatch({ requests: { code: "validation_required", message: "Cannot be blank." } });
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    invalidBatch({
      requests: {
        code: "validation_length_too_long",
        message: `The length must be no more than ${MAX_BATCH_REQUESTS}.`,
      },
    });
  }
  const items = requests.map((request, i) => readItem(request, String(i)));
  // Every bad request is listed, as PocketBase lists them, before any request runs.
  const problems: Nested = {};
  for (const [i, item] of items.entries()) {
    const found = itemProblems(item);
    if (Object.keys(found).length > 0) problems[String(i)] = found;
  }
  if (Object.keys(problems).length > 0) invalidBatch({ requests: problems });
  return items.map(({ method, url, body }) => ({ method: String(method), url: String(url), body }));
}

function invalidBatch(data: Nested): never {
  throw new PocketBaseRefusal(pocketBaseJson(400, { status: 400, message: "Invalid batch request data.", data }));
}

interface RawItem {
  method: string | null;
  url: string | null;
  body: Record<string, unknown> | null;
}

/** The types of one request's values; headers are checked for shape and size, then dropped. */
function readItem(request: unknown, i: string): RawItem {
  if (!isPlainObject(request)) unreadable(["requests", i], "must be an object: { method, url, body?, headers? }");
  for (const key of Object.keys(request)) {
    if (!ITEM_KEYS.includes(key)) unreadable(["requests", i, key.slice(0, 60)], "is not a field of a batch request");
  }
  const text = (key: "method" | "url"): string | null => {
    const value = request[key] ?? null;
    if (value !== null && typeof value !== "string") unreadable(["requests", i, key], "must be text");
    return value;
  };
  const body = request.body ?? null;
  if (body !== null && !isPlainObject(body)) unreadable(["requests", i, "body"], "must be an object of fields");
  const headers = request.headers ?? null;
  if (headers !== null) {
    const entries = isPlainObject(headers) ? Object.entries(headers) : null;
    const fine =
      entries !== null &&
      entries.length <= MAX_HEADERS &&
      entries.every(([name, value]) => typeof value === "string" && name.length + value.length <= MAX_HEADER_LENGTH);
    if (!fine) {
      unreadable(["requests", i, "headers"], `must be an object of at most ${MAX_HEADERS} text headers`);
    }
  }
  return { method: text("method"), url: text("url"), body };
}

/** PocketBase's rules for a request: a method it knows (case as sent), a URL of at most 2000 characters. */
function itemProblems(item: RawItem): Nested {
  const found: Nested = {};
  if (!item.method) found.method = { code: "validation_required", message: "Cannot be blank." };
  else if (!METHODS.includes(item.method))
    found.method = { code: "validation_in_invalid", message: "Must be a valid value." };
  if (!item.url) found.url = { code: "validation_required", message: "Cannot be blank." };
  else if (item.url.length > MAX_URL_LENGTH) {
    found.url = { code: "validation_length_too_long", message: `The length must be no more than ${MAX_URL_LENGTH}.` };
  }
  return found;
}
