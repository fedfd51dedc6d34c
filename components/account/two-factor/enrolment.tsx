"use client";
import { Button } from "@/components/ui/button";
import { CodeForm } from "./code-form";
import { CopyButton } from "./copy-button";
import type { TwoFactorFormState } from "./form-state";

export interface EnrolmentView {
  /** The QR code as a data: URI of the SVG drawn on the server (no request, nothing sent elsewhere). */
  qrDataUri: string;
  manualKey: string;
}

/** The open setup: scan (or type) the secret, then prove it with a first code. */
export function Enrolment({
  enrolment,
  confirm,
  cancel,
}: {
  enrolment: EnrolmentView;
  confirm: { action: (formData: FormData) => void; state: TwoFactorFormState; pending: boolean };
  cancel: { action: (formData: FormData) => void; pending: boolean };
}) {
  return (
    <div className="space-y-6">
      <ol className="space-y-6">
        <li className="space-y-3">
          <p className="text-sm">
            <span className="font-medium">1. Scan this QR code</span> with an authenticator app (1Password, Google
            Authenticator, Microsoft Authenticator, Aegis…).
          </p>
          {/* Dark on white in both themes: scanners need the contrast and the white margin. */}
          {/* biome-ignore lint/performance/noImgElement: an inline data: URI, not an asset next/image could optimise. */}
          <img
            src={enrolment.qrDataUri}
            alt="QR code of your two-factor secret, for your authenticator app"
            width={192}
            height={192}
            className="size-48 rounded-md border border-zinc-200 bg-white dark:border-zinc-700"
          />
        </li>
        <li className="space-y-2">
          <p className="text-sm">
            <span className="font-medium">2. Or type this key</span> into the app (time-based, 6 digits):
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="two-factor-manual-key"
              className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm tracking-wider break-all dark:border-zinc-700 dark:bg-zinc-950"
            >
              {enrolment.manualKey}
            </code>
            <CopyButton text={enrolment.manualKey.replaceAll(" ", "")} what="the setup key" />
          </div>
        </li>
        <li className="space-y-2">
          <p className="text-sm">
            <span className="font-medium">3. Enter the 6-digit code</span> the app shows now.
          </p>
          <CodeForm
            label={{ form: "Confirm two-factor setup", field: "Code from the app" }}
            name="confirmCode"
            submitLabel="Turn on two-factor"
            pendingLabel="Checking…"
            {...confirm}
          />
        </li>
      </ol>
      <form action={cancel.action}>
        <Button type="submit" variant="link" className="h-auto px-0" loading={cancel.pending}>
          Cancel setup
        </Button>
      </form>
    </div>
  );
}
