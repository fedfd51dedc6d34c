"use client";
import { useState } from "react";
import { CreateTokenForm } from "./create-token-form";
import { NewTokenNotice } from "./new-token-notice";
import { TokenList } from "./token-list";

/** /account/tokens: create a token (its plaintext shown once), list and revoke the others. */
export function TokensPanel() {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  return (
    <div className="space-y-8">
      {created ? <NewTokenNotice {...created} onDismiss={() => setCreated(null)} /> : null}
      <section
        aria-labelledby="create-token-title"
        className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="create-token-title" className="mb-4 text-lg font-semibold">
          New token
        </h2>
        <CreateTokenForm onCreated={setCreated} />
      </section>
      <section aria-labelledby="token-list-title">
        <h2 id="token-list-title" className="mb-2 text-lg font-semibold">
          Your tokens
        </h2>
        <TokenList />
      </section>
    </div>
  );
}
