"use client";
/** A webhook's signing secret, shown the one time the server hands it out, with a copy button. */
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SecretOnce({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      aria-label="Signing secret"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">Signing secret: shown only now. Copy it into your receiver.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret"
          className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {secret}
        </code>
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-label="Copy the signing secret"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs text-amber-900/80 dark:text-amber-200/80">
        Receivers check each delivery's <code>X-Atrium-Signature</code> with it (docs/webhooks.md). Lost it? Rotate it
        on the webhook's page.
      </p>
    </div>
  );
}
