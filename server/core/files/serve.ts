/**
 * `GET /api/files/<resource>/<recordId>/<field>/<fileId>/<name>` (decision 017): a file is served only through its
 * record, read through the engine's `get` path as the caller (row rule, field read rules, soft delete), so nothing
 * a policy hides is reachable by guessing ids. A protected file also needs a caller (session, API token or
 * `?token=`). The file id makes the URL immutable, so public answers may be cached for a year. PocketBase's
 * `/api/files/<collection>/<recordId>/<filename>` (server/http/pocketbase/files.ts) is served here too: its request
 * names no field, so the record's file fields are searched for the file.
 */
import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { and, type Column, eq } from "drizzle-orm";
import type { ZodType } from "zod";
import type { Database } from "@/db/client";
import { type FileRow, files } from "@/db/schema";
import { authorize } from "../access";
import type { Actor } from "../actor";
import type { Registry } from "../expand";
import { getRecord } from "../read";
import type { AnyResource } from "../resource";
import { decodeId } from "../rest/json-values";
import { valueSchema } from "../values";
import type { StoredFile } from "./column";
import { fileFields, storedFiles } from "./ledger";
import { LocalStorage } from "./local-storage";
import { type FileOptions, isProtected } from "./options";
import { contentDisposition, isInlineSafe } from "./sniff";
import { type ByteRange, storageFor, thumbsDir } from "./storage";
import { makeThumb, THUMBABLE } from "./thumbs";
import { fileError, fileTarget } from "./upload";

/**
 * What a browser may do with a served file: nothing active. Opened directly, an HTML or SVG upload runs in a
 * sandbox with no script, no requests and no forms (it is also sent as an attachment; this covers a direct visit).
 */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function plain(status: number, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { message } }, { status, headers });
}

/** A single `bytes=` range within `size`; null for none or one we answer with the whole file (several ranges). */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === "" && to === "") return null;
  let start: number;
  let end: number;
  if (from === "") {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end) {
    return "unsatisfiable";
  }
  return { start, end };
}

export interface ServeRequest {
  resource: string;
  recordId: string;
  /** The file field; null when the path names only the file (PocketBase's shape): any file field may hold it. */
  field: string | null;
  fileId: string;
  /** Whether the path names this file as it must (PocketBase's file name); by default the id alone decides. */
  named?: (file: StoredFile) => boolean;
  thumb: string | null;
  /** Thumbnail sizes every field allows besides its own (PocketBase's 100x100 on its paths). */
  extraThumbs?: readonly string[];
  download: boolean;
}

/** The path's parts: `<resource>/<recordId>/<field>/<fileId>[/<name>]`; null for any other shape. */
export function parseFilePath(segments: string[], search: URLSearchParams): ServeRequest | null {
  if (segments.length < 4 || segments.length > 5) return null;
  const [resource, recordId, field, fileId] = segments as [string, string, string, string];
  if (!UUID.test(fileId) || recordId.length > 200) return null;
  return { resource, recordId, field, fileId, thumb: search.get("thumb"), download: search.get("download") === "1" };
}

const idSchemas = new WeakMap<AnyResource, ZodType>();

/** The record id a path names, as the id column takes it; null when it cannot be one (it never reaches SQL). */
function recordIdOf(resource: AnyResource, text: string): unknown {
  let schema = idSchemas.get(resource);
  if (!schema) {
    schema = valueSchema(resource.info.columns[resource.info.idKey] as Column, "id");
    idSchemas.set(resource, schema);
  }
  const parsed = schema.safeParse(decodeId(resource, text));
  return parsed.success ? parsed.data : null;
}

/** Reads the record as the caller may; refusals and hidden records alike are "not found" unless sign-in would help. */
async function readRecord(db: Database, registry: Registry, actor: Actor, request: ServeRequest) {
  const resource = Object.hasOwn(registry, request.resource) ? registry[request.resource] : undefined;
  if (!resource) return null;
  const id = recordIdOf(resource, request.recordId);
  if (id === null) return null;
  try {
    const filter = authorize(resource.access, "get", actor, resource.name);
    return await getRecord(db, resource, id, undefined, registry, filter, actor);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "UNAUTHORIZED")) return error.code;
    throw error;
  }
}

/** The fields a request may find its file in: the one it names, or every file field of the resource. */
function fieldsToSearch(registry: Registry, request: ServeRequest): [string, FileOptions][] | Response {
  if (request.field !== null) {
    const found = fileTarget(registry, request.resource, request.field);
    return found.error ?? [[request.field, found.target.options]];
  }
  if (!Object.hasOwn(registry, request.resource)) return fileError(404, "resource", "There is no such resource.");
  return fileFields(registry[request.resource] as AnyResource);
}

export async function serveFile(
  req: Request,
  db: Database,
  actor: Actor,
  registry: Registry,
  request: ServeRequest,
): Promise<Response> {
  const fields = fieldsToSearch(registry, request);
  if (fields instanceof Response) return fields;
  const record = await readRecord(db, registry, actor, request);
  const notFound = () => plain(404, "There is no such file, or you may not see it.");
  if (record === "UNAUTHORIZED" || (record === "FORBIDDEN" && actor.kind === "anonymous")) {
    return plain(401, "Sign in to see this file.");
  }
  if (record === null || record === "FORBIDDEN") return notFound();
  // The record as the caller reads it: a field they may not read is not in it, so it holds nothing for them.
  const held = fields
    .map(([key, options]) => ({ options, stored: storedFiles(record[key]).find((f) => f.id === request.fileId) }))
    .find((found) => found.stored !== undefined);
  const stored = held?.stored;
  if (!held || !stored || (request.named && !request.named(stored))) return notFound();
  const { options } = held;
  const guarded = isProtected(options, record);
  if (guarded && actor.kind === "anonymous") return plain(401, "Sign in, or open this file with a files.token().");
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, stored.id), eq(files.resource, request.resource), eq(files.recordId, request.recordId)));
  const storage = row ? storageFor(row.storage) : null;
  if (!row || !storage) return notFound();

  const cache = guarded
    ? "private, no-store"
    : actor.kind === "anonymous"
      ? "public, max-age=31536000, immutable"
      : "private, max-age=31536000, immutable";
  const thumb = request.thumb;
  const sizes: readonly string[] = [...new Set([...(options.thumbs ?? []), ...(request.extraThumbs ?? [])])];
  if (thumb !== null && !sizes.includes(thumb)) {
    return fileError(
      400,
      "thumb",
      `This file has no ${thumb.slice(0, 20)} thumbnail (sizes: ${sizes.join(", ") || "none"}).`,
    );
  }
  const etag = `"${stored.id}${thumb ? `-${thumb}` : ""}"`;
  const headers = new Headers({
    "Cache-Control": cache,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": FILE_CSP,
    "Cross-Origin-Resource-Policy": "same-site",
    Vary: "Cookie, Authorization",
  });
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  if (thumb && THUMBABLE.has(stored.type)) {
    const made = await thumbnail(row, stored, thumb);
    if (made) {
      headers.set("Content-Type", made.type);
      headers.set("Content-Length", String(made.data.length));
      headers.set("Content-Disposition", contentDisposition("inline", stored.name));
      return new Response(new Uint8Array(made.data), { status: 200, headers });
    }
    // No thumbnail could be made: the original stands in for it.
  }

  const type = stored.type === "text/plain" ? "text/plain; charset=utf-8" : stored.type;
  headers.set("Content-Type", type);
  headers.set("Accept-Ranges", "bytes");
  const inline = !request.download && isInlineSafe(stored.type);
  headers.set("Content-Disposition", contentDisposition(inline ? "inline" : "attachment", stored.name));
  const range = parseRange(req.headers.get("range"), row.size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${row.size}`);
    return new Response(null, { status: 416, headers });
  }
  const body = await storage.open(row.key, range ?? undefined);
  if (!body) return notFound();
  // The reader went away: stop reading the file.
  req.signal.addEventListener("abort", () => body.destroy(), { once: true });
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${row.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
  } else headers.set("Content-Length", String(row.size));
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: range ? 206 : 200, headers });
}

/**
 * Thumbnails being made on this instance, by cache path: a burst of requests for one new thumbnail makes it once.
 * At most THUMB_WORKERS are made at a time, so thumbnails cannot take every core from the API's requests.
 */
const making = new Map<string, Promise<{ data: Buffer; type: string } | null>>();
const THUMB_WORKERS = Math.max(1, Math.floor(os.availableParallelism() / 2));
let working = 0;
const waiting: (() => void)[] = [];

async function withThumbWorker<T>(work: () => Promise<T>): Promise<T> {
  if (working >= THUMB_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  working++;
  try {
    return await work();
  } finally {
    working--;
    waiting.shift()?.();
  }
}

/** A thumbnail from the cache, else made from the original and cached (written aside, then renamed: never torn). */
async function thumbnail(row: FileRow, stored: StoredFile, size: string) {
  const cached = path.join(thumbsDir(), row.key, size);
  try {
    const data = await fs.readFile(cached);
    return { data, type: await fs.readFile(`${cached}.type`, "utf8") };
  } catch {
    // Not made yet.
  }
  let made = making.get(cached);
  if (!made) {
    made = withThumbWorker(() => makeAndCache(row, stored, size, cached)).finally(() => making.delete(cached));
    making.set(cached, made);
  }
  return made;
}

async function makeAndCache(row: FileRow, stored: StoredFile, size: string, cached: string) {
  const storage = storageFor(row.storage);
  if (!storage) return null;
  // sharp reads a local original from disk itself; a remote one is fetched whole (an image within its maxSize).
  let source: string | Buffer;
  if (storage instanceof LocalStorage) source = storage.pathOf(row.key);
  else {
    const stream = await storage.open(row.key);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    source = Buffer.concat(chunks);
  }
  const made = await makeThumb(source, size, stored.type);
  if (!made) return null;
  await fs.mkdir(path.dirname(cached), { recursive: true });
  const temp = `${cached}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(`${cached}.type`, made.type);
  await fs.writeFile(temp, made.data);
  await fs.rename(temp, cached);
  return { data: made.data, type: made.type };
}
