"use client";
/**
 * What a backup's page shows besides the generated record: the archive's download link (admins only, audited) and
 * the last check's outcome, check by check. Kept live by the record editor's stream on the page, which patches every
 * cached read of this record, so a running dry run or restore turns passed or failed here without a reload.
 */
import { useQuery } from "@tanstack/react-query";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

interface CheckView {
  mode?: string;
  status?: string;
  requestedBy?: string | null;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  report?: { checks?: { name: string; ok: boolean; detail: string }[] };
}

const MODE: Record<string, string> = { verify: "Verification", "dry-run": "Dry run", restore: "Restore" };

function LastCheck({ check }: { check: CheckView }) {
  const what = MODE[check.mode ?? ""] ?? "Check";
  const running = check.status === "queued" || check.status === "running";
  const variant = running ? "info" : check.status === "passed" ? "success" : "destructive";
  return (
    <Alert variant={variant} aria-live="polite" data-testid="backup-last-check">
      <AlertTitle>
        {what} {running ? check.status : check.status === "passed" && check.mode === "restore" ? "done" : check.status}
        {check.requestedBy ? `, asked by ${check.requestedBy}` : ""}
        {check.finishedAt ? (
          <>
            {" "}
            (<DateTime value={new Date(check.finishedAt)} />)
          </>
        ) : null}
      </AlertTitle>
      <AlertDescription>
        {check.message ? <p>{check.message}</p> : <p>The result appears here when it is done.</p>}
        {check.report?.checks?.length ? (
          <ul className="mt-2 list-disc pl-5">
            {check.report.checks.map((c) => (
              <li key={c.name}>
                <span className="font-medium">{c.ok ? "Passed" : "Failed"}</span>: {c.name}, {c.detail}
              </li>
            ))}
          </ul>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

export function BackupPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const backup = useQuery(trpc.backups.get.queryOptions({ id }));
  const row = backup.data;
  if (!row) return null;
  const check = row.lastCheck as CheckView | null;
  return (
    <div className="space-y-4">
      {check ? <LastCheck check={check} /> : null}
      <Card>
        <CardHeader>
          <CardTitle>Archive</CardTitle>
          <CardDescription>
            {row.status === "ready" && row.file ? (
              <>
                {row.file}, {row.sizeBytes?.toLocaleString("en")} bytes, finished{" "}
                {row.finishedAt ? <DateTime value={row.finishedAt} /> : "—"}. Downloads are audited.
              </>
            ) : row.status === "failed" ? (
              `This backup failed: ${row.error ?? "no reason recorded"}`
            ) : (
              "Being written: the download appears here when it is ready."
            )}
          </CardDescription>
        </CardHeader>
        {row.status === "ready" && row.file ? (
          <CardContent>
            <Button asChild variant="outline">
              <a href={`/api/backups/${row.id}/download`} download={row.file}>
                Download archive
              </a>
            </Button>
          </CardContent>
        ) : null}
      </Card>
    </div>
  );
}
