import type { Metadata } from "next";
import { RecordEditor } from "@/components/admin/record-editor";
import { WebhookDisabledNotice, WebhookPanel } from "@/components/admin/webhooks/webhook-panel";
import { adminUser } from "@/server/admin";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Webhook" };

/** A webhook's page: the generated editor and history, its disabled notice, signing secret and deliveries. */
export default async function WebhookPage({ params }: Params) {
  const { id } = await params;
  const { user } = await adminUser();
  return (
    <div className="space-y-8">
      <WebhookDisabledNotice id={id} />
      <RecordEditor resource="webhooks" id={id} isAdmin={user?.role === "admin"} currentUserId={user?.id} />
      <WebhookPanel id={id} />
    </div>
  );
}
