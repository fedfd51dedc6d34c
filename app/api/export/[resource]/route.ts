import { exportResource } from "@/server/ops/csv/export";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

/** `GET /api/export/<resource>[?sort=&filter=&search=&deleted=&limit=]`: the list as CSV (docs/operations-export-import.md). */
export const GET = withRequestLog(
  "/api/export/[resource]",
  async (req: Request, { params }: { params: Promise<{ resource: string }> }) =>
    exportResource(req, (await params).resource),
);
