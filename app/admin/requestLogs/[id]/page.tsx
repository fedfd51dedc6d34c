import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RecordEditor } from "@/components/admin/record-editor";
import { adminUser, serverCaller } from "@/server/admin";
import { RequestAudit } from "./request-audit";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Request" };

/**
 * One logged request: the generated detail of its row (as /admin/[resource]/[id] shows any record), then the audit
 * entries it caused, linking to their records. Admins only, like the request log.
 */
export default async function RequestLogPage({ params }: Params) {
  const { id } = await params;
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The request log is for admins.
      </p>
    );
  }
  const api = await serverCaller();
  const request = await api.requestLogs.get({ id }).catch((error: unknown) => {
    // An id that is no UUID, or no logged request (pruned since), is a missing page like any other record's.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!request) notFound();
  const entries = await api.metrics.requestAudit({ requestId: request.requestId });
  return (
    <div className="space-y-8">
      <RecordEditor resource="requestLogs" id={id} isAdmin currentUserId={user.id} />
      <RequestAudit requestId={request.requestId} entries={entries} />
    </div>
  );
}
