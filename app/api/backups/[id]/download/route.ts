import { downloadBackup } from "@/server/ops/backup/download";
import { withRequestLog } from "@/server/ops/logging/with-request-log";

export const dynamic = "force-dynamic";

/** `GET /api/backups/<id>/download`: a backup's archive, for admins, audited (docs/operations-backups.md). */
export const GET = withRequestLog(
  "/api/backups/[id]/download",
  async (req: Request, { params }: { params: Promise<{ id: string }> }) => downloadBackup(req, (await params).id),
);
