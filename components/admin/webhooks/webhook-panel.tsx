"use client";
/**
 * What a webhook's admin page shows besides the generated form: the notice when the delivery job disabled it, its
 * signing secret, and its deliveries.
 */
import { useQuery } from "@tanstack/react-query";
import { DateTime } from "@/components/format/date-time";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { WebhookDeliveries } from "./webhook-deliveries";
import { WebhookSecret } from "./webhook-secret";

export function WebhookDisabledNotice({ id }: { id: string }) {
  const trpc = useTRPC();
  // Kept live by the record editor's stream on this page, which patches every cached read of this record.
  const webhook = useQuery(trpc.webhooks.get.queryOptions({ id }));
  const row = webhook.data;
  if (!row || row.active || !row.disabledAt) return null;
  return (
    <Alert variant="warning">
      <AlertTitle>
        This webhook was disabled on <DateTime value={row.disabledAt} />
      </AlertTitle>
      <AlertDescription>
        {row.disabledReason} Fix the receiver, try it with Redeliver below, then switch Active back on and save.
      </AlertDescription>
    </Alert>
  );
}

export function WebhookPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const webhook = useQuery(trpc.webhooks.get.queryOptions({ id }));
  if (!webhook.data) return null;
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <WebhookSecret id={id} createdAt={webhook.data.secretCreatedAt} shownAt={webhook.data.secretShownAt} />
      <WebhookDeliveries webhookId={id} />
    </div>
  );
}
