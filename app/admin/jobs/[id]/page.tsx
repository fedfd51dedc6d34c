import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobDetail } from "@/components/admin/jobs/job-detail";
import { adminUser } from "@/server/admin";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Job" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One job (the audit log's entries for jobs link here). Admins only, as the Jobs page. */
export default async function JobPage({ params }: Params) {
  const { id } = await params;
  // An address no job can have is a 404 page, not a request the API would refuse.
  if (!UUID.test(id)) notFound();
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
      <h1 className="text-3xl font-bold tracking-tight">Job</h1>
      <JobDetail id={id} />
    </div>
  );
}
