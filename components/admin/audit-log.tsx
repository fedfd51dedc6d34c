"use client";
/**
 * The admin's audit log: every change through the engine, newest first, filtered by resource, operation, who made it
 * (a user picker) and time range. Records are named by their titles, changes in words with the resource's labels.
 * Filters and page live in the URL (nuqs), so a view can be shared; below `md` each row stacks as a card.
 */
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { parseAsInteger, parseAsIsoDate, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { resourceApi } from "@/components/form/resource-api";
import { DateTime } from "@/components/format/date-time";
import { useCoalescedRefetch, useKeptLive } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminResourceLink } from "@/server/admin";
import type { ResourceDescriptor } from "@/server/core/meta";
import { ChangeSummary } from "./change-summary";
import { HistoryActor } from "./history-actor";
import { HistoryActorPicker } from "./history-actor-picker";
import { HistoryRecordName } from "./history-record-name";

// Record writes, custom actions, and an admin's retry or cancel of a job.
const OPERATIONS = ["create", "update", "delete", "restore", "purge", "revert", "action", "retry", "cancel"] as const;
const PER_PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const filterParsers = {
  page: parseAsInteger.withDefault(1),
  resource: parseAsString.withDefault(""),
  operation: parseAsStringLiteral(OPERATIONS),
  actor: parseAsString.withDefault(""),
  from: parseAsIsoDate,
  to: parseAsIsoDate,
};

/** A local calendar day as the date input shows it (parseAsIsoDate reads "YYYY-MM-DD" as UTC midnight). */
const dayOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");
const localDay = (date: Date, end: boolean) =>
  new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), ...(end ? [23, 59, 59, 999] : [0, 0, 0, 0]));

/** `meta` of every resource on the page (cached, one request per resource), for labels and value types. */
function useMetas(names: string[]): Map<string, ResourceDescriptor> {
  const trpc = useTRPC();
  const results = useQueries({ queries: names.map((name) => resourceApi(trpc, name).meta.queryOptions()) });
  return new Map(names.flatMap((name, i) => (results[i]?.data ? [[name, results[i].data]] : [])));
}

export function AuditLog({ resources }: { resources: AdminResourceLink[] }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(filterParsers, { history: "replace", scroll: false });
  const { page, resource, operation, actor, from, to } = filters;
  /** Any filter change starts again from the first page. */
  const set = (changes: { [K in keyof typeof filters]?: (typeof filters)[K] | null }) =>
    void setFilters({ page: null, ...changes });

  const query = useQuery({
    ...trpc.audit.list.queryOptions({
      page: Math.max(1, page),
      perPage: PER_PAGE,
      ...(resource ? { resource } : {}),
      ...(operation ? { operation } : {}),
      ...(UUID.test(actor) ? { actorId: actor } : {}),
      ...(from ? { from: localDay(from, false) } : {}),
      ...(to ? { to: localDay(to, true) } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  // Only resources have `meta`: entries about other things (a job's retry) are shown without it, not asked for.
  const known = new Set<string>(resources.map((r) => r.name));
  const names = [...new Set(query.data?.items.map((e) => e.resource) ?? [])].filter((name) => known.has(name));
  const metas = useMetas(names);
  // Live: every committed change refetches the page on screen (coalesced), and after a reconnect that could not
  // resume. The stream says only which record changed; the entries themselves come from `audit.list`.
  const refetch = useCoalescedRefetch(trpc.audit.list.pathFilter());
  const live = useSubscription(
    trpc.audit.onChange.subscriptionOptions(undefined, {
      onData: ({ data }) => {
        if (data.action !== "ready" || !data.resumed) refetch.schedule();
      },
    }),
  );
  useKeptLive(live, true);

  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Audit log filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="space-y-1">
          <Label htmlFor="audit-resource">Resource</Label>
          <NativeSelect
            id="audit-resource"
            value={resource}
            onChange={(e) => set({ resource: e.target.value || null })}
          >
            <option value="">All</option>
            {resources.map((r) => (
              <option key={r.name} value={r.name}>
                {r.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-operation">Operation</Label>
          <NativeSelect
            id="audit-operation"
            value={operation ?? ""}
            onChange={(e) => set({ operation: OPERATIONS.find((op) => op === e.target.value) ?? null })}
          >
            <option value="">All</option>
            {OPERATIONS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </NativeSelect>
        </div>
        <HistoryActorPicker id="audit-actor" value={actor} onChange={(id) => set({ actor: id || null })} />
        <div className="space-y-1">
          <Label htmlFor="audit-from">From</Label>
          <Input
            id="audit-from"
            type="date"
            value={dayOf(from)}
            onChange={(e) => set({ from: e.target.value ? new Date(e.target.value) : null })}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-to">To</Label>
          <Input
            id="audit-to"
            type="date"
            value={dayOf(to)}
            onChange={(e) => set({ to: e.target.value ? new Date(e.target.value) : null })}
          />
        </div>
      </form>

      {query.isError ? (
        <Alert variant="destructive">Could not load the audit log: {query.error.message}</Alert>
      ) : (
        <Table aria-label="Audit log" aria-busy={query.isFetching} className="max-md:block">
          <TableHeader className="max-md:sr-only">
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Record</TableHead>
              <TableHead>Changes</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className="max-md:block max-md:space-y-3">
            {query.isPending
              ? Array.from({ length: 5 }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
                  <TableRow key={i}>
                    <TableCell colSpan={5}>
                      <Skeleton className="h-5 w-full" />
                    </TableCell>
                  </TableRow>
                ))
              : query.data.items.map((e) => (
                  <TableRow
                    key={e.id}
                    className="align-top max-md:grid max-md:grid-cols-[auto_minmax(0,1fr)] max-md:gap-x-2 max-md:gap-y-1 max-md:rounded-md max-md:border max-md:border-zinc-200 max-md:p-3 max-md:dark:border-zinc-800"
                    data-testid="audit-entry"
                  >
                    <TableCell className="whitespace-nowrap text-zinc-600 max-md:col-span-2 max-md:p-0 max-md:text-xs dark:text-zinc-400">
                      <DateTime value={e.at} />
                    </TableCell>
                    <TableCell className="max-w-48 max-md:col-span-2 max-md:max-w-none max-md:p-0">
                      <HistoryActor kind={e.actorKind} name={e.actorLabel} />
                    </TableCell>
                    <TableCell className="max-md:p-0">
                      <Badge variant="outline" className="capitalize">
                        {e.operation}
                      </Badge>
                    </TableCell>
                    <TableCell className="max-w-64 max-md:max-w-none max-md:p-0">
                      <HistoryRecordName
                        href={`/admin/${e.resource}/${e.recordId}`}
                        title={e.title}
                        kind={e.resourceLabel}
                        recordId={e.recordId}
                      />
                    </TableCell>
                    <TableCell className="min-w-64 max-md:col-span-2 max-md:min-w-0 max-md:p-0">
                      <ChangeSummary
                        meta={metas.get(e.resource)}
                        operation={e.operation}
                        before={e.before}
                        after={e.after}
                        refs={e.refs}
                      />
                    </TableCell>
                  </TableRow>
                ))}
            {query.data?.items.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-zinc-600 dark:text-zinc-400">
                  No changes match these filters.
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      )}
      {query.data ? (
        <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>
            Page {query.data.page} of {Math.max(1, query.data.totalPages)} · {query.data.totalItems} entries
          </span>
          <div className="flex gap-2">
            <Button
              variant="outline"
              size="sm"
              disabled={page <= 1}
              onClick={() => void setFilters({ page: page - 1 })}
            >
              Previous
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={page >= query.data.totalPages}
              onClick={() => void setFilters({ page: page + 1 })}
            >
              Next
            </Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
