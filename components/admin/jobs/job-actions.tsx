"use client";
/**
 * Retry and cancel for one job, shown only when its state allows them (the server checks again, and a refusal such
 * as "already retried by someone else" comes back as a toast). Each is audited on the server; afterwards every jobs
 * query on the page refetches at once, without waiting for the next poll.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, RotateCcw } from "lucide-react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import type { JobSummary } from "./types";

export function JobActions({ job, size = "sm" }: { job: JobSummary; size?: "sm" | "default" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.jobs.pathFilter());
  const target = { queue: job.queue, id: job.id };
  const retry = useMutation(
    trpc.jobs.retry.mutationOptions({
      onSuccess: () => toast.success(`${job.queue}: retrying`),
      onError: (error) => toast.error(error.message),
      onSettled: refresh,
    }),
  );
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSuccess: () => toast.success(`${job.queue}: cancelled`),
      onSettled: refresh,
    }),
  );
  const short = job.id.slice(0, 8);
  if (!job.canRetry && !job.canCancel) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {job.canRetry ? (
        <Button
          variant="outline"
          size={size}
          loading={retry.isPending}
          onClick={() => retry.mutate(target)}
          aria-label={`Retry job ${short} of ${job.queue}`}
        >
          <RotateCcw aria-hidden="true" /> Retry
        </Button>
      ) : null}
      {job.canCancel ? (
        <ConfirmDialog
          title={`Cancel this ${job.queue} job?`}
          description={
            job.state === "active"
              ? "It is running now: the attempt is not interrupted, but its result is not kept and it is not retried."
              : "It will not run. You can retry it later from here."
          }
          confirmLabel="Cancel job"
          cancelLabel="Keep it"
          destructive
          onConfirm={() => cancel.mutateAsync(target)}
          trigger={
            <Button variant="outline" size={size} aria-label={`Cancel job ${short} of ${job.queue}`}>
              <Ban aria-hidden="true" /> Cancel
            </Button>
          }
        />
      ) : null}
    </div>
  );
}
