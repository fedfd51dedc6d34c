/**
 * GET /api/docs/scalar.js: Scalar's standalone bundle (scalar-bundle.ts), streamed from node_modules. Asked for with
 * the installed version (`?v=`), it is immutable for a year; asked for otherwise (an old page after an upgrade, a
 * hand-typed URL), it is revalidated, so nobody keeps a stale copy under a versioned name.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { SCALAR_BUNDLE_FILE, SCALAR_BUNDLE_PATH, scalarVersion } from "../scalar-bundle";

export const dynamic = "force-dynamic";

const YEAR = 365 * 24 * 60 * 60;

export const GET = withRequestLog(SCALAR_BUNDLE_PATH, async (req: Request) => {
  // Before any byte is sent: a missing package is the wrapper's 500 with a request id, not a cut-off script.
  await stat(SCALAR_BUNDLE_FILE);
  const current = new URL(req.url).searchParams.get("v") === scalarVersion();
  const body = Readable.toWeb(createReadStream(SCALAR_BUNDLE_FILE)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": current ? `public, max-age=${YEAR}, immutable` : "public, max-age=0, must-revalidate",
    },
  });
});
