"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatDate } from "./format";

/** The caller's tokens with their last use, and a two-step revoke. */
export function TokenList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery(trpc.tokens.list.queryOptions());
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        return queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );

  if (isPending) return <p className="text-sm text-zinc-500">Loading tokens…</p>;
  if (error) {
    return (
      <p role="alert" className="text-sm text-red-600">
        Could not load your tokens: {error.message}
      </p>
    );
  }
  if (data.items.length === 0) return <p className="text-sm text-zinc-500">You have no API tokens.</p>;

  const now = Date.now();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Token
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Scope
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Last used
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Expires
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((token) => {
            const expired = token.expiresAt !== null && token.expiresAt.getTime() <= now;
            return (
              <tr key={token.id} className="border-b border-zinc-100 align-top dark:border-zinc-800">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {token.name}
                  <div className="text-xs font-normal text-zinc-500">created {formatDate(token.createdAt, "")}</div>
                </th>
                <td className="py-2 pr-3 font-mono text-xs">{token.prefix}…</td>
                <td className="py-2 pr-3">{token.scope}</td>
                <td className="py-2 pr-3">{formatDate(token.lastUsedAt, "never")}</td>
                <td className={`py-2 pr-3 ${expired ? "text-red-600" : ""}`}>
                  {expired ? "expired " : ""}
                  {formatDate(token.expiresAt, "never")}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {confirming === token.id ? (
                    <span className="inline-flex gap-2">
                      <button
                        type="button"
                        onClick={() => revoke.mutate({ id: token.id })}
                        disabled={revoke.isPending}
                        className="rounded-md bg-red-600 px-2 py-1 text-xs font-medium text-white hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-indigo-500"
                      >
                        Confirm revoke
                      </button>
                      <button
                        type="button"
                        onClick={() => setConfirming(null)}
                        className="rounded-md px-2 py-1 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                      >
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setConfirming(token.id)}
                      aria-label={`Revoke ${token.name}`}
                      className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {revoke.error ? (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {revoke.error.message}
        </p>
      ) : null}
    </div>
  );
}
