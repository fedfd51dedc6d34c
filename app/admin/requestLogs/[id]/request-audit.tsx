/**
 * The audit entries one request caused (same X-Request-Id), each linking to its record: what a logged request
 * changed. Server-rendered from `metrics.requestAudit` (admins only).
 */
import Link from "next/link";
import { AuditEntryList } from "@/components/admin/audit-entry-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { serverCaller } from "@/server/admin";

type Entries = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["metrics"]["requestAudit"]>>;

export function RequestAudit({ requestId, entries }: { requestId: string; entries: Entries }) {
  const more = entries.totalItems - entries.items.length;
  return (
    <section aria-labelledby="request-audit-heading">
      <Card>
        <CardHeader>
          <CardTitle id="request-audit-heading">Changes made by this request</CardTitle>
          <CardDescription>
            Audit entries with request id <code className="break-all">{requestId}</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="pt-3">
          <AuditEntryList
            entries={entries.items}
            empty="This request changed nothing through the API."
            testId="request-audit"
          />
          {more > 0 ? (
            <p className="mt-3 text-sm">
              And {more} more:{" "}
              <Link href="/admin/audit" className="underline">
                the audit log
              </Link>{" "}
              has them all.
            </p>
          ) : null}
        </CardContent>
      </Card>
    </section>
  );
}
