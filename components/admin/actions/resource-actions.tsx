"use client";
/**
 * The buttons of a resource's resource-wide actions (those that act on no record), in its table's toolbar, for the
 * actions this caller may run.
 */
import { useResourceMeta } from "@/components/form/use-resource-meta";
import { ActionButton } from "./action-button";

export function ResourceActions({ resource }: { resource: string }) {
  const meta = useResourceMeta(resource).data;
  const actions = (meta?.actions ?? []).filter((a) => a.target === "resource" && a.can);
  if (!meta || actions.length === 0) return null;
  return actions.map((action) => (
    <ActionButton
      key={action.name}
      resource={resource}
      action={action}
      subject={{ kind: "resource" }}
      target={meta.label.many.toLowerCase()}
      size="sm"
    />
  ));
}
