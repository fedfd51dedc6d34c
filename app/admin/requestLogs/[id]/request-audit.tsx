/**
 * The audit entries one request caused (same X-Request-Id), each linking to its record: what a logged request
 * changed. Server-rendered from `metrics.requestAudit` (admins only).
 */
import Link from "next/link";
import { HistoryActor } from "@/components/admin/history-actor";
import { HistoryRecordName } from "@/components/admin/history-record-name";
import { DateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { serverCaller } from "@/server/admin";

type Entries = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["metrics"]["requestAudit"]>>;

export function RequestAudit({ requestId, entries }: { requestId: string; entries: Entries }) {
  const more = entries.totalItems - entries.items.length;
  return (
    <section aria-labelledby="request-audit-heading">
      <Card>
        <CardHeader>
          <CardTitle id="request-audit-heading">Changes made by this request</CardTitle>
          <CardDescription>
            Audit entries with request id <code className="break-all">{requestId}</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="pt-3">
          {entries.items.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">This request changed nothing through the API.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="request-audit">
              {entries.items.map((e) => (
                <li
                  key={e.id}
                  className="grid grid-cols-[4.5rem_minmax(0,1fr)] items-center gap-x-3 gap-y-0.5 py-2 sm:grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,12rem)_auto]"
                >
                  <Badge variant="outline" className="capitalize">
                    {e.operation}
                  </Badge>
                  <HistoryRecordName
                    href={`/admin/${e.resource}/${e.recordId}`}
                    title={e.title}
                    kind={e.resourceLabel}
                    recordId={e.recordId}
                  />
                  <span className="col-start-2 flex min-w-0 items-center gap-1 text-zinc-600 sm:col-start-auto dark:text-zinc-400">
                    <span className="shrink-0">by</span> <HistoryActor kind={e.actorKind} name={e.actorLabel} />
                  </span>
                  <DateTime
                    value={e.at}
                    className="col-start-2 text-xs text-zinc-500 sm:col-start-auto sm:text-right sm:text-sm dark:text-zinc-400"
                  />
                </li>
              ))}
            </ul>
          )}
          {more > 0 ? (
            <p className="mt-3 text-sm">
              And {more} more:{" "}
              <Link href="/admin/audit" className="underline">
                the audit log
              </Link>{" "}
              has them all.
            </p>
          ) : null}
        </CardContent>
      </Card>
    </section>
  );
}
