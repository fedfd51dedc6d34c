/**
 * What each request of a batch will do, decided before anything runs: its URL must be one of PocketBase's batch
 * actions on a records URL, and is then read by the records API's own reader (records.ts) into the REST call that
 * does the same, so a batch refuses exactly what a single request would, with the same answer.
 *
 *   POST   /api/collections/<name>/records[?query]        create
 *   PUT    /api/collections/<name>/records[?query]        upsert: update when the body's `id` names a record the
 *                                                         caller can see (decided in the transaction), else create
 *   PATCH  /api/collections/<name>/records/<id>[?query]   update
 *   DELETE /api/collections/<name>/records/<id>[?query]   delete
 *
 * A request's own `headers` never reach it: every request runs as the batch's caller, with the batch's headers.
 */
import type { AnyResource } from "@/server/core/resource";
import type { BatchItem } from "./batch-body";
import { PocketBaseRefusal, pocketBaseError } from "./errors";
import { type RecordsCall, readRecordsCall } from "./records";

type Registry = Record<string, AnyResource>;

/** Where the rewritten requests pretend to come from; only their path and query are read. */
const ORIGIN = "http://batch.invalid";

/** PocketBase's batch actions, its patterns with `#` left out (a fragment is no part of a request). */
const COLLECTION_URL = /^\/api\/collections\/([^/?#]+)\/records(?:\?([^#]*))?$/;
const RECORD_URL = /^\/api\/collections\/([^/?#]+)\/records\/([^/?#]+)(?:\?([^#]*))?$/;

export interface Upsert {
  /** The record the body names, as text. */
  id: string;
  /** The request as a PATCH of that record, for when it exists: the same query, the body without `id`. */
  update: () => Promise<RecordsCall>;
}

export interface PlannedRequest {
  call: RecordsCall;
  upsert?: Upsert;
  /** The procedures the request may call (`posts.create`), which its rate limits and the request log count. */
  procedures: string[];
}

/** A request that cannot run: its index and its answer, as the records API would give it. */
export class PlanRefusal {
  constructor(
    readonly index: number,
    readonly response: Response,
  ) {}
}

export async function planBatch(items: readonly BatchItem[], registry: Registry): Promise<PlannedRequest[]> {
  const planned: PlannedRequest[] = [];
  for (const [index, item] of items.entries()) {
    try {
      planned.push(await planRequest(item, registry));
    } catch (error) {
      if (error instanceof PocketBaseRefusal) throw new PlanRefusal(index, error.response);
      throw error;
    }
  }
  return planned;
}

async function planRequest(item: BatchItem, registry: Registry): Promise<PlannedRequest> {
  const onCollection = COLLECTION_URL.exec(item.url);
  const onRecord = onCollection ? null : RECORD_URL.exec(item.url);
  const fits =
    (onCollection && (item.method === "POST" || item.method === "PUT")) ||
    (onRecord && (item.method === "PATCH" || item.method === "DELETE"));
  if (!fits) notAnAction(onCollection || onRecord ? "method" : "url");
  const name = decode((onCollection ?? onRecord)?.[1] ?? "");
  const id = onRecord ? decode(onRecord[2] ?? "") : undefined;
  const query = (onCollection ? onCollection[2] : onRecord?.[3]) ?? "";
  const method = item.method === "PUT" ? "POST" : item.method;
  const call = await readCall(registry, method, name, id, query, item.body);
  const procedure = `${call.resource.name}.${call.operation}`;
  if (item.method !== "PUT") return { call, procedures: [procedure] };

  // PocketBase reads the id as text whatever its JSON type; an empty one (or none) means "create".
  const given = item.body?.id;
  const upsertId =
    typeof given === "string" || (typeof given === "number" && Number.isFinite(given)) ? String(given) : "";
  if (upsertId === "") return { call, procedures: [procedure] };
  const { id: _id, ...rest } = item.body ?? {};
  return {
    call,
    upsert: { id: upsertId, update: () => readCall(registry, "PATCH", name, upsertId, query, rest) },
    // Which one it runs is known only in the transaction: it counts against both limits.
    procedures: [procedure, `${call.resource.name}.update`],
  };
}

/** The records API's reading of one request (its refusals are PocketBaseRefusals). */
async function readCall(
  registry: Registry,
  method: string,
  name: string,
  id: string | undefined,
  query: string,
  body: Record<string, unknown> | null,
): Promise<RecordsCall> {
  const path = `/api/collections/${encodeURIComponent(name)}/records${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
  const write = method === "POST" || method === "PATCH";
  let req: Request;
  try {
    req = new Request(`${ORIGIN}${path}${query ? `?${query}` : ""}`, {
      method,
      ...(write ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    return notAnAction("url");
  }
  return readRecordsCall(req, id === undefined ? [name, "records"] : [name, "records", id], registry);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return notAnAction("url");
  }
}

/** PocketBase answers an unknown action as a failed request of the batch; the field says which part is wrong. */
function notAnAction(field: "method" | "url"): never {
  const message =
    "is not a batch action: use POST or PUT /api/collections/<name>/records, or PATCH or DELETE " +
    "/api/collections/<name>/records/<id>";
  throw new PocketBaseRefusal(
    pocketBaseError(400, `Something went wrong while processing your request: ${field} ${message}.`, {
      [field]: { code: "validation_invalid_value", message },
    }),
  );
}
