import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TokensPanel } from "@/components/tokens/tokens-panel";
import { currentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  if (!(await currentUser())) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account/tokens")}`);
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">API tokens</h1>
      <p className="mb-8 text-sm text-zinc-600 dark:text-zinc-400">
        Personal tokens let scripts call the API as you: send{" "}
        <code className="font-mono">Authorization: Bearer atr_…</code>. A read token may only run queries. Tokens cannot
        manage tokens.
      </p>
      <TokensPanel />
    </>
  );
}
