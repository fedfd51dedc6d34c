import type { Metadata } from "next";
import { ResourceIcon } from "@/components/admin/resource-icon";
import { WebhookCreate } from "@/components/admin/webhooks/webhook-create";
import { serverCaller } from "@/server/admin";
import { resources } from "@/server/resources";
import { WEBHOOK_RESOURCES } from "@/server/resources/webhooks";

export const metadata: Metadata = { title: "New webhook" };

/** The generated form for a webhook, then its signing secret, shown this once (docs/webhooks.md). */
export default async function NewWebhookPage() {
  const meta = await (await serverCaller()).webhooks.meta();
  if (!meta.can.create) return <p role="alert">You may not create webhooks.</p>;
  const watchable = Object.keys(resources).filter((name) => !WEBHOOK_RESOURCES.has(name));
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="flex items-center gap-3 text-3xl font-bold tracking-tight">
        <ResourceIcon name={meta.icon} className="size-7 shrink-0 text-zinc-500 dark:text-zinc-400" />
        New webhook
      </h1>
      <WebhookCreate resourceNames={watchable} />
    </div>
  );
}
