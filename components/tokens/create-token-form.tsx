"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { TextField } from "@/components/auth/text-field";
import { useTRPC } from "@/components/trpc/provider";

/** Name, scope and optional expiry of a new token; hands the plaintext up once it exists. */
export function CreateTokenForm({ onCreated }: { onCreated: (created: { token: string; name: string }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (result) => {
        onCreated({ token: result.token, name: result.record.name });
        return queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const fieldErrors = create.error?.data?.fieldErrors ?? {};
  const formError = create.error && !create.error.data?.fieldErrors ? create.error.message : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const days = String(data.get("expiresInDays") ?? "").trim();
    const scope = data.get("scope") === "write" ? "write" : "read";
    create.mutate(
      { name: String(data.get("name") ?? ""), scope, ...(days ? { expiresInDays: Number(days) } : {}) },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create a token">
      <TextField label="Name" name="name" required placeholder="e.g. nightly backup" error={fieldErrors.name?.[0]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="field-scope" className="block text-sm font-medium">
            Scope
          </label>
          <select
            id="field-scope"
            name="scope"
            defaultValue="read"
            aria-invalid={fieldErrors.scope ? true : undefined}
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/40 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="read">Read: queries only</option>
            <option value="write">Write: queries and changes</option>
          </select>
        </div>
        <TextField
          label="Expires in (days)"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          hint="Leave empty for a token that never expires."
          error={fieldErrors.expiresInDays?.[0]}
        />
      </div>
      <FormAlert message={formError} />
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
      >
        {create.isPending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
