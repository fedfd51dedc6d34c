import { exportEverything } from "@/server/ops/csv/export";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

/** `GET /api/export`: every resource as one CSV each, in a zip; admins only (docs/operations-export-import.md). */
export const GET = withRequestLog("/api/export", (req: Request) => exportEverything(req));
