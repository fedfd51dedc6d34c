import type { NextRequest } from "next/server";
import { createRouteHandler } from "uploadthing/next";
import { env } from "@/env";
import { uploadthingRouter } from "@/server/core/files/uploadthing-router";
import { noteActor } from "@/server/core/logging/request-scope";
import { uploadthingCaller } from "@/server/http/files";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

let handlers: ReturnType<typeof createRouteHandler> | undefined;

/**
 * uploadthing's route (decision 017): the browser asks here to upload (`?actionType=upload&slug=posts.cover`), and
 * uploadthing's servers post signed callbacks here once a file has arrived. Built on the first request, not at
 * import: `next build` evaluates this module, and the router reads env (sizes, the token).
 */
function handle(req: NextRequest, method: "GET" | "POST"): Promise<Response> | Response {
  const token = env().UPLOADTHING_TOKEN;
  if (!token) {
    const message = "uploadthing is not configured here: upload to /api/files/upload.";
    return Response.json({ error: { message } }, { status: 404 });
  }
  handlers ??= createRouteHandler({ router: uploadthingRouter(resources, notedCaller), config: { token } });
  return handlers[method](req);
}

/** The caller, also for the request's log line. */
async function notedCaller(req: Request) {
  const caller = await uploadthingCaller(req);
  noteActor(caller.actor);
  return caller;
}

/** The request log names the upload's target (`?slug=posts.cover`); uploadthing's callbacks carry none. */
const slug = (url: URL) => [url.searchParams.get("slug") ?? ""];

export const GET = withRequestLog("/api/uploadthing", (req: NextRequest) => handle(req, "GET"), { procedures: slug });
export const POST = withRequestLog("/api/uploadthing", (req: NextRequest) => handle(req, "POST"), { procedures: slug });
