/**
 * /api/collections: PocketBase's records and auth API over Atrium's resources (docs/pocketbase.md). Records are run
 * by the REST handler in process, one per instance like /api/v1's.
 */
import { createPocketBaseCollections, pocketBaseProcedures } from "@/server/http/pocketbase/collections";
import { createRestHandler } from "@/server/http/rest/handler";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

const handler = withRequestLog("/api/collections", createPocketBaseCollections(resources, createRestHandler()), {
  procedures: pocketBaseProcedures,
});

export { handler as DELETE, handler as GET, handler as OPTIONS, handler as PATCH, handler as POST };
