import type { Metadata } from "next";
import Link from "next/link";
import { HistoryActor } from "@/components/admin/history-actor";
import { HistoryRecordName } from "@/components/admin/history-record-name";
import { ResourceIcon } from "@/components/admin/resource-icon";
import { TaskAlarmsNotice } from "@/components/admin/tasks/task-alarms-notice";
import { MetricsDashboard } from "@/components/charts/metrics-dashboard";
import { DateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { adminResources, adminUser, serverCaller } from "@/server/admin";
import { checkHealth } from "@/server/health";

export const metadata: Metadata = { title: "Dashboard" };

/** Counts per resource (as this user may see them), database health, and for admins the latest changes. */
export default async function AdminDashboard() {
  const api = await serverCaller();
  const { user } = await adminUser();
  const [health, counts] = await Promise.all([
    checkHealth(),
    Promise.all(
      adminResources().map(async (r) => {
        try {
          const page = await api[r.name].list({ perPage: 1 });
          return { ...r, count: page.totalItems };
        } catch {
          // A resource this user may not list shows without a number rather than failing the dashboard.
          return { ...r, count: null };
        }
      }),
    ),
  ]);
  const recent = user?.role === "admin" ? await api.audit.list({ perPage: 8 }) : null;

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
      {/* Failed task runs nobody has looked at yet: admins only (task runs are theirs to read). */}
      {user?.role === "admin" ? <TaskAlarmsNotice /> : null}
      <section aria-labelledby="resources-heading">
        <h2 id="resources-heading" className="sr-only">
          Resources
        </h2>
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {counts.map((r) => (
            <li key={r.name}>
              <Link href={`/admin/${r.name}`} className="block rounded-xl focus-visible:outline-2">
                <Card className="transition-colors hover:border-zinc-400 dark:hover:border-zinc-600">
                  <CardHeader>
                    <CardDescription className="flex items-center gap-2">
                      <ResourceIcon name={r.icon} className="size-4 shrink-0" />
                      {r.label}
                    </CardDescription>
                    <CardTitle className="text-3xl tabular-nums" data-testid={`count-${r.name}`}>
                      {r.count ?? "—"}
                    </CardTitle>
                  </CardHeader>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="health-heading">
        <Card>
          <CardHeader>
            <CardTitle id="health-heading">Health</CardTitle>
            <CardDescription>The database as this server sees it right now.</CardDescription>
          </CardHeader>
          <CardContent className="flex items-center gap-3 text-sm">
            {health.db.ok ? (
              <>
                <Badge variant="success">Database up</Badge>
                <span className="text-zinc-600 dark:text-zinc-400">{health.db.latencyMs} ms round trip</span>
              </>
            ) : (
              <>
                <Badge variant="destructive">Database down</Badge>
                <span>{health.db.error}</span>
              </>
            )}
          </CardContent>
        </Card>
      </section>
      {/* Load over the last hour or day, from every instance's per-minute samples: admins only. */}
      {user?.role === "admin" ? <MetricsDashboard /> : null}
      {recent ? (
        <section aria-labelledby="recent-heading">
          <Card>
            <CardHeader>
              <CardTitle id="recent-heading">Latest changes</CardTitle>
              <CardDescription>
                <Link href="/admin/audit" className="underline">
                  The whole audit log
                </Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              {recent.items.length === 0 ? (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has changed through the API yet.</p>
              ) : (
                <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="latest-changes">
                  {recent.items.map((e) => (
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
            </CardContent>
          </Card>
        </section>
      ) : null}
    </div>
  );
}
