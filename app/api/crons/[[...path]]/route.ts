/** PocketBase's /api/crons: not part of Atrium's PocketBase API (docs/pocketbase.md), answered 501 with what to use. */
import { notSupported } from "@/server/http/pocketbase/unsupported";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

const handler = withRequestLog("/api/crons", () => notSupported("Crons"));

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST };
