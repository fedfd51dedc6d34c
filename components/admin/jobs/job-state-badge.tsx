/** A job's state in words an admin reads ("Waiting", "Retrying") with a colour per state, the same everywhere. */
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { JobState } from "@/server/core/jobs/states";

export const STATE_LABELS: Record<JobState, string> = {
  created: "Waiting",
  retry: "Retrying",
  active: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const TONES: Record<JobState, BadgeTone> = {
  created: "gray",
  retry: "amber",
  active: "blue",
  completed: "green",
  failed: "red",
  cancelled: "gray",
};

export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <Badge tone={TONES[state]} data-testid="job-state" data-state={state}>
      {STATE_LABELS[state]}
    </Badge>
  );
}
