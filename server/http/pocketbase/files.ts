/**
 * PocketBase's file URL, `GET /api/files/<collection>/<recordId>/<filename>` (docs/pocketbase.md, "Files"), which the
 * SDK's `pb.files.getURL(record, record.cover, { thumb })` builds. The file name is the one the records API shows
 * (server/core/pocketbase/record.ts); its id finds the file in the record, read as the caller, and only that exact
 * name serves it. Everything else is the files route's own code (server/core/files/serve.ts): the same rules,
 * protected files, thumbnails, ranges and cache headers; answers that refuse are in PocketBase's error shape.
 */
import "server-only";
import { getDb } from "@/db/client";
import { type ServeRequest, serveFile } from "@/server/core/files/serve";
import { noteActor } from "@/server/core/logging/request-scope";
import { fileIdOfName, pocketBaseFileName } from "@/server/core/pocketbase/record";
import type { AnyResource } from "@/server/core/resource";
import { answerFiles, fileCaller } from "@/server/http/files";
import { pocketBaseError, pocketBaseFieldErrors } from "./errors";

/** PocketBase makes a 100x100 thumbnail of any image, whatever sizes its field lists; so does this path. */
export const POCKETBASE_THUMBS = ["100x100"] as const;

const NOT_FOUND = "The requested resource wasn't found.";

/** Whether the files route's segments are PocketBase's shape (three) rather than Atrium's (four or five). */
export function isPocketBaseFilePath(segments: readonly string[]): boolean {
  return segments.length === 3;
}

/** Go's strconv.ParseBool, which PocketBase reads `download` with; anything else is false. */
function flag(text: string | null): boolean {
  return text !== null && ["1", "t", "T", "TRUE", "true", "True"].includes(text);
}

/**
 * A name that reaches the route still percent-encoded is decoded once. The names this API gives never hold "%",
 * so decoding cannot turn one name into another; a malformed encoding names nothing.
 */
function decoded(segment: string): string | null {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The request `<collection>/<recordId>/<filename>` makes of the files route; null when it names no file. */
export function parsePocketBaseFilePath(segments: readonly string[], search: URLSearchParams): ServeRequest | null {
  if (!isPocketBaseFilePath(segments)) return null;
  const [resource, recordId, raw] = segments as [string, string, string];
  const filename = decoded(raw);
  const fileId = filename === null ? null : fileIdOfName(filename);
  if (fileId === null || recordId === "" || recordId.length > 200) return null;
  const thumb = search.get("thumb");
  return {
    resource,
    recordId,
    field: null,
    fileId,
    named: (file) => pocketBaseFileName(file) === filename,
    thumb: thumb === "" ? null : thumb,
    extraThumbs: POCKETBASE_THUMBS,
    download: flag(search.get("download")),
  };
}

/** A refusal of the files code (`{ error: { message, fieldErrors? } }`) as PocketBase's; anything else unchanged. */
export async function inPocketBaseShape(response: Response): Promise<Response> {
  if (response.status < 400 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as {
    error?: { message?: unknown; fieldErrors?: Record<string, string[]> };
  } | null;
  // Already PocketBase's (this module's own refusals).
  const error = body?.error;
  if (!error) return response;
  const message = typeof error.message === "string" ? error.message : NOT_FOUND;
  const refused = pocketBaseError(response.status, message, pocketBaseFieldErrors(error.fieldErrors));
  for (const [name, value] of response.headers) {
    if (name !== "content-type" && name !== "content-length") refused.headers.set(name, value);
  }
  return refused;
}

/**
 * Serves `GET /api/files/<collection>/<recordId>/<filename>` as the caller (a session, a token, or `?token=`); every
 * refusal, the files route's own 500 and 503 included, in PocketBase's shape.
 */
export async function servePocketBaseFile(
  req: Request,
  segments: readonly string[],
  registry: Record<string, AnyResource>,
): Promise<Response> {
  const answer = await answerFiles(async () => {
    const request = parsePocketBaseFilePath(segments, new URL(req.url).searchParams);
    if (!request) return pocketBaseError(404, NOT_FOUND);
    const caller = await fileCaller(req);
    noteActor(caller.actor);
    if (caller.refused) return pocketBaseError(401, caller.refused);
    return serveFile(req, getDb(), caller.actor, registry, request);
  });
  return inPocketBaseShape(answer);
}
