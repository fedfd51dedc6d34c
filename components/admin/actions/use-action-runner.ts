"use client";
/**
 * Sends one action: to one record (`publish`), to a selection (`publishMany`) or to the resource, with an
 * Idempotency-Key that a retry of the same call reuses (so a run that committed before its answer was lost is not
 * run twice), then refreshes everything the page shows of the resource (lists, the record, its history, which
 * actions apply to it) without waiting for that refresh.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import type { RecordId } from "@/components/form/resource-api";
import { resourceApi } from "@/components/form/resource-api";
import { type SubmitKey, submitFingerprint, submitKey } from "@/components/form/submit-key";
import { keyedMutationOptions } from "@/components/trpc/links";
import { useTRPC } from "@/components/trpc/provider";
import type { ActionDescriptor } from "@/server/core/actions/describe";
import { type ActionCall, type ActionValues, actionProcedure } from "./action-api";

/** What an action runs on: one record, a selection (its batch form), or the resource itself. */
export type ActionSubject =
  | { kind: "record"; id: RecordId }
  | { kind: "selection"; ids: RecordId[] }
  | { kind: "resource" };

export function procedureFor(action: ActionDescriptor, subject: ActionSubject): string {
  return subject.kind === "selection" ? `${action.name}Many` : action.name;
}

export function callFor(subject: ActionSubject, input: ActionValues): ActionCall {
  if (subject.kind === "record") return { id: subject.id, input };
  if (subject.kind === "selection") return { ids: subject.ids, input };
  return { input };
}

export function useActionRunner(resource: string, action: ActionDescriptor, subject: ActionSubject) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedure = procedureFor(action, subject);
  const api = actionProcedure(trpc, resource, procedure);
  // Under the resource's key: an open edit form of the record takes the record this returns for its reader's own
  // change, not someone else's (use-resource-form.ts, savedHere).
  const mutation = useMutation({ ...keyedMutationOptions(api.mutationOptions), mutationKey: api.mutationKey() });
  const lastKey = useRef<SubmitKey | null>(null);

  async function run(input: ActionValues): Promise<unknown> {
    const call = callFor(subject, input);
    const attempt = submitKey(lastKey.current, submitFingerprint(`${resource}.${procedure}`, call));
    lastKey.current = attempt;
    const result = await mutation.mutateAsync({ input: call, key: attempt.key });
    // Answered: running it again is a new run.
    lastKey.current = null;
    // Not awaited: the server's answer is what ends the wait (the dialog closes, the toast says so). The refetch may
    // be slow for reasons of the action's own making, e.g. a restore it started holding every table, and the rows
    // follow when they come.
    void queryClient.invalidateQueries({ queryKey: resourceApi(trpc, resource).pathKey() });
    return result;
  }

  return { run, pending: mutation.isPending };
}
