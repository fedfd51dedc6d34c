import { getDb } from "@/db/client";
import { parseFilePath, serveFile } from "@/server/core/files/serve";
import { noteActor } from "@/server/core/logging/request-scope";
import { answerFiles, fileCaller } from "@/server/http/files";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

/** `GET /api/files/<resource>/<recordId>/<field>/<fileId>/<name>[?thumb=WxH][&token=][&download=1]`. */
export const GET = withRequestLog(
  "/api/files/[...path]",
  (req: Request, { params }: { params: Promise<{ path: string[] }> }) =>
    answerFiles(async () => {
      const url = new URL(req.url);
      const request = parseFilePath((await params).path, url.searchParams);
      if (!request) return Response.json({ error: { message: "There is no such file." } }, { status: 404 });
      const caller = await fileCaller(req);
      noteActor(caller.actor);
      if (caller.refused) return Response.json({ error: { message: caller.refused } }, { status: 401 });
      return serveFile(req, getDb(), caller.actor, resources, request);
    }),
);

export const HEAD = GET;
