import type { Metadata } from "next";
import { AdminTable } from "@/components/admin/admin-table";
import { ResourceHeading } from "@/components/admin/resource-heading";
import { RequestLogCharts } from "@/components/charts/request-log-charts";
import { adminUser } from "@/server/admin";

export const metadata: Metadata = { title: "Request log" };

/**
 * The Logs page (docs/operations-metrics.md): traffic charts for a chosen range above the generated list of logged
 * requests, with its filters (status, route, actor, time, duration) and each request's details a click away. Admins
 * only, like the request log itself; the list and the charts refuse everyone else on the server too.
 */
export default async function RequestLogsPage() {
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The request log is for admins.
      </p>
    );
  }
  return (
    <div className="space-y-8">
      <ResourceHeading icon="Activity">Request log</ResourceHeading>
      <RequestLogCharts />
      <AdminTable resource="requestLogs" />
    </div>
  );
}
