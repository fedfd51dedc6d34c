"use client";
/**
 * The admin's "New webhook": the generated form, then, once saved, the signing secret (asked for at once, the only
 * time the server gives it out) and the way on to the webhook's page.
 */
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ResourceForm } from "@/components/form/resource-form";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SecretOnce } from "./secret-once";

type Created = { id: string; name: string } & ({ secret: string } | { error: string });

export function WebhookCreate({ resourceNames }: { resourceNames: string[] }) {
  const trpc = useTRPC();
  const reveal = useMutation(trpc.webhookAdmin.revealSecret.mutationOptions());
  const [created, setCreated] = useState<Created | null>(null);

  if (created) {
    return (
      <div className="space-y-4">
        <Alert variant="success">
          <AlertTitle>Webhook “{created.name}” created</AlertTitle>
          <AlertDescription>Matching changes are delivered to it from now on.</AlertDescription>
        </Alert>
        {"secret" in created ? (
          <SecretOnce secret={created.secret} />
        ) : (
          <Alert variant="destructive">
            <AlertTitle>The secret could not be shown</AlertTitle>
            <AlertDescription>{created.error} Rotate it on the webhook's page to get one.</AlertDescription>
          </Alert>
        )}
        <Button asChild>
          <Link href={`/admin/webhooks/${created.id}`}>Go to the webhook</Link>
        </Button>
      </div>
    );
  }
  return (
    <ResourceForm
      resource="webhooks"
      showServerSet
      cancelHref="/admin/webhooks"
      fields={{ resources: { help: `The resources whose changes it receives: ${resourceNames.join(", ")}.` } }}
      onSuccess={(record) => {
        reveal.mutate(
          { id: record.id },
          {
            onSuccess: ({ secret }) => setCreated({ id: record.id, name: record.name, secret }),
            onError: (error) => setCreated({ id: record.id, name: record.name, error: error.message }),
          },
        );
      }}
    />
  );
}
