import type { Metadata } from "next";
import { DisabledWebhooksNotice } from "@/components/admin/webhooks/disabled-webhooks-notice";
import ResourceListPage from "../[resource]/page";

export const metadata: Metadata = { title: "Webhooks" };

/** The generated list of webhooks, with a notice above it naming any the delivery job disabled (docs/webhooks.md). */
export default function WebhooksPage() {
  return (
    <div className="space-y-6">
      <DisabledWebhooksNotice />
      <ResourceListPage params={Promise.resolve({ resource: "webhooks" })} />
    </div>
  );
}
