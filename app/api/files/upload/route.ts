import { getDb } from "@/db/client";
import { fileTarget, handleUpload } from "@/server/core/files/upload";
import { noteActor } from "@/server/core/logging/request-scope";
import { answerFiles, fileCaller, uploadOriginRefusal } from "@/server/http/files";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

/** One file as the raw body: `POST /api/files/upload?resource=posts&field=cover` (docs/files.md). */
export const POST = withRequestLog("/api/files/upload", (req: Request) =>
  answerFiles(async () => {
    const url = new URL(req.url);
    const found = fileTarget(resources, url.searchParams.get("resource"), url.searchParams.get("field"));
    if (found.error) return found.error;
    const refusedOrigin = uploadOriginRefusal(req);
    if (refusedOrigin) return refusedOrigin;
    const caller = await fileCaller(req);
    noteActor(caller.actor);
    if (caller.refused) return Response.json({ error: { message: caller.refused } }, { status: 401 });
    return handleUpload(req, getDb(), caller.actor, found.target);
  }),
);
