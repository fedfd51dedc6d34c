"use client";
/**
 * On a webhook's page: its latest deliveries, live (a new attempt appears as it is logged), each with how it went
 * (status, HTTP code, latency, the start of the answer) and "Redeliver", which sends its event again now. The full,
 * filterable log is the generated "Webhook deliveries" table.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/components/format/date-time";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toaster";

const SHOWN = 20;

export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const trpc = useTRPC();
  const input = { filter: { webhookId: { eq: webhookId } }, sort: ["-createdAt" as const], perPage: SHOWN };
  const deliveries = useQuery(trpc.webhookDeliveries.list.queryOptions(input));
  useLiveList("webhookDeliveries", input);
  const redeliver = useMutation(
    trpc.webhookAdmin.redeliver.mutationOptions({
      onSuccess: () => toast.success("Redelivery queued: it shows here once sent."),
      onError: (error) => toast.error(error.message),
    }),
  );
  const items = deliveries.data?.items ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Deliveries</CardTitle>
        <CardDescription>
          Every POST to this webhook, newest first: retries and redeliveries are attempts of the same event.{" "}
          <Link href="/admin/webhookDeliveries" className="underline">
            The whole log
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        {deliveries.isError ? <p role="alert">Could not load deliveries: {deliveries.error.message}</p> : null}
        {deliveries.isSuccess && items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No deliveries yet: they appear here as matching changes are sent.
          </p>
        ) : null}
        <ul aria-label="Deliveries" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {items.map((d) => (
            <li key={d.id} className="space-y-1 py-3" aria-label={`${d.type} attempt ${d.attempt}: ${d.status}`}>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Badge tone={d.status === "succeeded" ? "green" : "red"}>
                  {d.status === "succeeded" ? "Succeeded" : "Failed"}
                </Badge>
                <span className="font-medium">{d.type}</span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {d.statusCode !== null ? `HTTP ${d.statusCode}` : "no answer"}
                  {d.latencyMs !== null ? ` · ${d.latencyMs} ms` : ""} · attempt {d.attempt}
                </span>
                {d.manual ? <Badge variant="outline">by hand</Badge> : null}
                <DateTime value={d.createdAt} className="text-zinc-600 dark:text-zinc-400" />
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  className="ml-auto"
                  aria-label={`Redeliver ${d.type} (attempt ${d.attempt})`}
                  onClick={() => redeliver.mutate({ deliveryId: d.id })}
                >
                  Redeliver
                </Button>
              </div>
              {d.error && d.status === "failed" ? (
                <p className="break-words text-red-700 dark:text-red-300">{d.error}</p>
              ) : null}
              {d.response ? (
                <details className="text-zinc-600 dark:text-zinc-400">
                  <summary className="cursor-pointer">Response</summary>
                  <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
                    {d.response}
                  </pre>
                </details>
              ) : null}
              <p className="break-all font-mono text-xs text-zinc-500 dark:text-zinc-400">
                event {d.eventId} · record {d.recordId}
              </p>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
