"use client";
import { Download } from "lucide-react";
import { appConfig } from "@/atrium.config";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/** The recovery codes just made: shown this once, to copy, download or write down. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join("\n");
  function download() {
    const file = [
      `${appConfig.name} recovery codes`,
      "Each code signs you in once if you lose your authenticator app. Keep them somewhere safe.",
      "",
      ...codes,
      "",
    ].join("\n");
    const url = URL.createObjectURL(new Blob([file], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${appConfig.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-recovery-codes.txt`;
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <section
      aria-labelledby="recovery-codes-title"
      className="space-y-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <div className="space-y-1">
        <h3 id="recovery-codes-title" className="font-semibold">
          Save your recovery codes
        </h3>
        <p className="text-sm">
          If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown
          only now: store them in a password manager or print them.
        </p>
      </div>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-emerald-200 bg-white p-3 font-mono text-sm sm:grid-cols-2 dark:border-emerald-900 dark:bg-zinc-900"
      >
        {codes.map((code) => (
          <li key={code} className="tracking-wide">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={text} what="the recovery codes" />
        <Button type="button" variant="outline" size="sm" onClick={download}>
          <Download aria-hidden /> Download .txt
        </Button>
        <Button type="button" size="sm" onClick={onDone} className="ml-auto">
          I have saved them
        </Button>
      </div>
    </section>
  );
}
