"use client";
/** Above the webhooks list: the webhooks the delivery job disabled after repeated failures, and why. Live. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function DisabledWebhooksNotice() {
  const trpc = useTRPC();
  const input = {
    filter: { active: { eq: false }, disabledAt: { isNull: false } },
    sort: ["name" as const],
    perPage: 10,
  };
  const disabled = useQuery(trpc.webhooks.list.queryOptions(input));
  useLiveList("webhooks", input);
  const items = disabled.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert variant="warning">
      <AlertTitle>
        {items.length === 1 ? "A webhook was" : `${disabled.data?.totalItems} webhooks were`} disabled after repeated
        failures
      </AlertTitle>
      <AlertDescription>
        <ul className="list-disc space-y-1 pl-4">
          {items.map((w) => (
            <li key={w.id}>
              <Link href={`/admin/webhooks/${w.id}`} className="font-medium underline">
                {w.name}
              </Link>
              : {w.disabledReason}
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
