"use client";
/**
 * The admin's audit log: every change through the engine, newest first, filtered by resource, operation, actor and
 * time range. Filters and page live in the URL, so a view can be shared.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
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
import { ChangeSummary } from "./change-summary";

const OPERATIONS = ["create", "update", "delete", "restore", "purge", "revert"] as const;
type AuditOperation = (typeof OPERATIONS)[number];
const PER_PAGE = 25;

export function AuditLog({ resources }: { resources: AdminResourceLink[] }) {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const resource = params.get("resource") ?? "";
  const operation = (OPERATIONS as readonly string[]).includes(params.get("operation") ?? "")
    ? (params.get("operation") as AuditOperation)
    : undefined;
  const actorId = params.get("actor") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    if (!("page" in changes)) next.delete("page");
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  const query = useQuery({
    ...trpc.audit.list.queryOptions({
      page,
      perPage: PER_PAGE,
      ...(resource ? { resource } : {}),
      ...(operation ? { operation } : {}),
      ...(/^[0-9a-f-]{36}$/i.test(actorId) ? { actorId } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(`${to}T23:59:59.999`) } : {}),
    }),
    placeholderData: keepPreviousData,
  });
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
          <NativeSelect id="audit-resource" value={resource} onChange={(e) => set({ resource: e.target.value })}>
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
            onChange={(e) => set({ operation: e.target.value })}
          >
            <option value="">All</option>
            {OPERATIONS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-actor">Actor (user id)</Label>
          <Input
            id="audit-actor"
            defaultValue={actorId}
            placeholder="uuid"
            onBlur={(e) => set({ actor: e.target.value.trim() })}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" type="date" value={from} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" type="date" value={to} onChange={(e) => set({ to: e.target.value })} />
        </div>
      </form>

      {query.isError ? (
        <Alert variant="destructive">Could not load the audit log: {query.error.message}</Alert>
      ) : (
        <Table aria-label="Audit log" aria-busy={query.isFetching}>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Record</TableHead>
              <TableHead>Changes</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
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
                  <TableRow key={e.id}>
                    <TableCell className="whitespace-nowrap">
                      <time dateTime={e.at.toISOString()}>{e.at.toLocaleString()}</time>
                    </TableCell>
                    <TableCell>
                      {e.actorLabel}
                      <span className="block text-xs text-zinc-500">{e.actorKind}</span>
                    </TableCell>
                    <TableCell>
                      <Badge variant="outline">{e.operation}</Badge>
                    </TableCell>
                    <TableCell>
                      <Link className="hover:underline" href={`/admin/${e.resource}/${e.recordId}`}>
                        {e.resource}
                        <span className="block font-mono text-xs text-zinc-500">{e.recordId.slice(0, 8)}</span>
                      </Link>
                    </TableCell>
                    <TableCell>
                      <ChangeSummary before={e.before} after={e.after} operation={e.operation} />
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
        <nav aria-label="Audit log pages" className="flex items-center justify-between gap-2 text-sm">
          <span>
            Page {query.data.page} of {Math.max(1, query.data.totalPages)} · {query.data.totalItems} entries
          </span>
          <div className="flex gap-2">
            <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => set({ page: String(page - 1) })}>
              Previous
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={page >= query.data.totalPages}
              onClick={() => set({ page: String(page + 1) })}
            >
              Next
            </Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
