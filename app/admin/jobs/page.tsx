import type { Metadata } from "next";
import { JobsOverview } from "@/components/admin/jobs/jobs-overview";
import { adminUser } from "@/server/admin";

export const metadata: Metadata = { title: "Jobs" };

/** Background jobs: queues, failures, schedules, recent runs, with retry and cancel (docs/jobs-admin.md). Admins only. */
export default async function JobsPage() {
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The jobs page is for admins.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">Jobs</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Background work of this app, run by pg-boss on the same database. Updated every few seconds.
        </p>
      </div>
      <JobsOverview />
    </div>
  );
}
