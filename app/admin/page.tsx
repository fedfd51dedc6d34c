import type { Metadata } from "next";
import Link from "next/link";
import { AuditEntryList } from "@/components/admin/audit-entry-list";
import { ResourceIcon } from "@/components/admin/resource-icon";
import { TaskAlarmsNotice } from "@/components/admin/tasks/task-alarms-notice";
import { MetricsDashboard } from "@/components/charts/metrics-dashboard";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
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
      {user?.role === "admin" ? (
        <section aria-labelledby="data-heading">
          <Card>
            <CardHeader>
              <CardTitle id="data-heading">Data</CardTitle>
              <CardDescription>Take a copy of everything, or see how it fits together.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-wrap gap-2">
              <Button asChild variant="outline">
                <Link href="/admin/backups">Backups</Link>
              </Button>
              {/* A plain link: the zip streams from a route handler, which client-side navigation would not fetch. */}
              <Button asChild variant="outline">
                <a href="/api/export" download>
                  Export everything (CSV, zip)
                </a>
              </Button>
              <Button asChild variant="outline">
                <Link href="/admin/schema">Schema diagram</Link>
              </Button>
            </CardContent>
          </Card>
        </section>
      ) : null}
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
              <AuditEntryList
                entries={recent.items}
                empty="Nothing has changed through the API yet."
                testId="latest-changes"
              />
            </CardContent>
          </Card>
        </section>
      ) : null}
    </div>
  );
}
