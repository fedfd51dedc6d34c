import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { adminResources, adminUser } from "@/server/admin";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The audit log is for admins. Each record's own history is on its page.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <AuditLog resources={adminResources()} />
    </div>
  );
}
