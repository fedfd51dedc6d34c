import { getDb } from "@/db/client";
import { parseFilePath, serveFile } from "@/server/core/files/serve";
import { noteActor } from "@/server/core/logging/request-scope";
import { answerFiles, fileCaller } from "@/server/http/files";
import { isPocketBaseFilePath, servePocketBaseFile } from "@/server/http/pocketbase/files";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

/**
 * `GET /api/files/<resource>/<recordId>/<field>/<fileId>/<name>[?thumb=WxH][&token=][&download=1]`, and PocketBase's
 * `GET /api/files/<collection>/<recordId>/<filename>` (docs/pocketbase.md), served by the same code.
 */
export const GET = withRequestLog(
  "/api/files/[...path]",
  async (req: Request, { params }: { params: Promise<{ path: string[] }> }) => {
    const segments = (await params).path;
    if (isPocketBaseFilePath(segments)) return servePocketBaseFile(req, segments, resources);
    return answerFiles(async () => {
      const url = new URL(req.url);
      const request = parseFilePath(segments, url.searchParams);
      if (!request) return Response.json({ error: { message: "There is no such file." } }, { status: 404 });
      const caller = await fileCaller(req);
      noteActor(caller.actor);
      if (caller.refused) return Response.json({ error: { message: caller.refused } }, { status: 401 });
      return serveFile(req, getDb(), caller.actor, resources, request);
    });
  },
);

export const HEAD = GET;
