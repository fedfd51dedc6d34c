/**
 * A short list of audit entries, each with its operation, a link to its record, who and when: the dashboard's latest
 * changes and a logged request's changes show the same rows.
 */

import type { ComponentProps } from "react";
import { HistoryActor } from "@/components/admin/history-actor";
import { HistoryRecordName } from "@/components/admin/history-record-name";
import { DateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";

/** What a row needs of an entry (`audit.list` and `metrics.requestAudit` both give it). */
export interface AuditEntryRow {
  id: number;
  operation: string;
  resource: string;
  recordId: string;
  title: ComponentProps<typeof HistoryRecordName>["title"];
  resourceLabel: string;
  actorKind: ComponentProps<typeof HistoryActor>["kind"];
  actorLabel: string;
  at: Date;
}

export function AuditEntryList({
  entries,
  empty,
  testId,
}: {
  entries: AuditEntryRow[];
  empty: string;
  testId: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid={testId}>
      {entries.map((e) => (
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
  );
}
