/**
 * /api/files/token: PocketBase's `pb.files.getToken()` (docs/pocketbase.md, "Files"), a short-lived token for the
 * caller's protected files. One handler per app instance, like the other APIs: its rate limiter lives in it.
 */
import { createFileTokenHandler, FILE_TOKEN_PATH } from "@/server/http/pocketbase/files-token";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const handler = withRequestLog(FILE_TOKEN_PATH, createFileTokenHandler(), { procedures: () => ["files.token"] });

export { handler as OPTIONS, handler as POST };
