/** PocketBase's /api/logs: not part of Atrium's PocketBase API (docs/pocketbase.md), answered 501 with what to use. */
import { notSupported } from "@/server/http/pocketbase/unsupported";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const handler = withRequestLog("/api/logs", () => notSupported("Logs"));

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST };
