"use client";
import { useState } from "react";

/** The plaintext of a token just created: shown this once, with a copy button. */
export function NewTokenNotice({ token, name, onDismiss }: { token: string; name: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(token);
    setCopied(true);
  }
  return (
    <section
      aria-labelledby="new-token-title"
      className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <h2 id="new-token-title" className="font-semibold">
        Token “{name}” created
      </h2>
      <p className="text-sm">Copy it now: it is stored hashed and will not be shown again.</p>
      <div className="flex gap-2">
        <label htmlFor="new-token" className="sr-only">
          New API token
        </label>
        <input
          id="new-token"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm dark:border-emerald-800 dark:bg-zinc-900"
        />
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-emerald-400 px-3 py-2 text-sm font-medium hover:bg-emerald-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-emerald-900"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Use it as <code className="font-mono">Authorization: Bearer {token.slice(0, 12)}…</code> on /api/trpc.
      </p>
      <button type="button" onClick={onDismiss} className="text-sm underline underline-offset-2">
        I have copied it
      </button>
    </section>
  );
}
