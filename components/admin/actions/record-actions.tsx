"use client";
/**
 * The record page's action buttons: the record actions this caller may run on this record now (`availableActions`,
 * the rules asked about this very record), asked again whenever the record changes (live, or by an action).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { RecordId } from "@/components/form/resource-api";
import { useTRPC } from "@/components/trpc/provider";
import type { ResourceDescriptor } from "@/server/core/meta";
import { availableActionsProcedure } from "./action-api";
import { ActionButton } from "./action-button";

export interface RecordActionsProps {
  meta: ResourceDescriptor;
  id: RecordId;
  /** The record's title, for dialogs ("Unpublish “Hello world”"). */
  title: string;
  /** The record as shown: a new version asks again which actions apply. */
  record: unknown;
}

export function RecordActions({ meta, id, title, record }: RecordActionsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const actions = (meta.actions ?? []).filter((a) => a.target === "record" && a.can);
  const available = availableActionsProcedure(trpc, meta.name);
  const query = useQuery({ ...available.queryOptions({ id }), enabled: actions.length > 0 });
  // A new version of the record (live, or after an action) may change which rules apply; the first is loaded above.
  const seen = useRef(record);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version of the record is what matters.
  useEffect(() => {
    if (seen.current === record) return;
    seen.current = record;
    if (actions.length > 0) void queryClient.invalidateQueries(available.queryFilter({ id }));
  }, [record]);
  const names = new Set(query.data ?? []);
  const shown = actions.filter((a) => names.has(a.name));
  if (shown.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions on the record, not a form.
    <div role="group" aria-label="Actions" className="flex flex-wrap gap-2">
      {shown.map((action) => (
        <ActionButton
          key={action.name}
          resource={meta.name}
          action={action}
          subject={{ kind: "record", id }}
          target={`“${title}”`}
        />
      ))}
    </div>
  );
}
