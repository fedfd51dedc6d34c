/**
 * /api/batch: PocketBase's transactional batch of record writes over Atrium's resources (docs/pocketbase.md, "Batch").
 * Each request runs the procedure its records URL names, all in one transaction; the log line names them.
 */
import { batchProcedures, createPocketBaseBatch } from "@/server/http/pocketbase/batch";
import { withRequestLog } from "@/server/ops/logging/with-request-log";
import { resources } from "@/server/resources";

export const dynamic = "force-dynamic";

const handler = withRequestLog("/api/batch", createPocketBaseBatch(resources), { procedures: batchProcedures });

export { handler as OPTIONS, handler as POST };
