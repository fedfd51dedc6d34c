/**
 * `GET /api/backups/<id>/download`: the archive of a ready backup, streamed as an attachment, to admins only (a
 * session or an admin's API token), each download audited on the backup (`action: download`). Everyone else is
 * refused whatever the id: 401 without usable credentials, 403 for a signed-in non-admin.
 */
import "server-only";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { getAvailability, getDb } from "@/db/client";
import { auditLog, backups } from "@/db/schema";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { resolveActor } from "@/server/auth/actor";
import { actorColumns } from "@/server/core/audit";
import { logger } from "@/server/core/logging/logger";
import { currentRequest, noteActor, noteFailure } from "@/server/core/logging/request-scope";
import { isAdmin } from "@/server/resources/policies";
import { archivePath, fileSize, openArchive } from "./storage";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store" } });
}

async function answer(id: string, req: Request): Promise<Response> {
  if (!UUID.test(id)) return refuse(400, "The backup id in the path (id) must be a UUID.");
  if (getAvailability().isDown) return refuse(503, DATABASE_UNAVAILABLE_MESSAGE);
  const db = getDb();
  const { actor, refused } = await resolveActor(db, req.headers);
  noteActor(actor);
  if (refused) return refuse(401, refused);
  if (actor.kind !== "user") return refuse(401, "Sign in as an admin to download backups.");
  if (!isAdmin(actor.user)) return refuse(403, "Only admins may download backups.");
  const [row] = await db
    .select({ id: backups.id, status: backups.status, file: backups.file })
    .from(backups)
    .where(eq(backups.id, id));
  if (!row) return refuse(404, "There is no such backup.");
  const file = row.status === "ready" && row.file ? archivePath(row.file) : null;
  if (!file || !row.file) return refuse(409, "This backup has no archive to download: it failed or is still running.");
  const size = await fileSize(file);
  if (size === null) {
    return refuse(410, "The archive is no longer in this server's backup folder (BACKUP_DIR).");
  }
  await db.insert(auditLog).values({
    ...actorColumns(actor),
    operation: "action",
    resource: "backups",
    recordId: row.id,
    before: null,
    after: { action: "download", file: row.file },
    requestId: currentRequest()?.requestId ?? null,
  });
  const body = Readable.toWeb(openArchive(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${row.file}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export async function downloadBackup(req: Request, id: string): Promise<Response> {
  try {
    return await answer(id, req);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      getAvailability().report(error);
      return refuse(503, DATABASE_UNAVAILABLE_MESSAGE);
    }
    noteFailure(error);
    logger("backups").error({ err: error }, "download failed");
    return refuse(500, "Something went wrong on our side.");
  }
}
