/**
 * The title of an admin page about one resource (its list, a new record, its import, the request log): the resource's
 * icon beside the words, at the size and spacing every such page shares.
 */
import type { ReactNode } from "react";
import type { ResourceIconName } from "@/server/core/icons";
import { ResourceIcon } from "./resource-icon";

export function ResourceHeading({ icon, children }: { icon: ResourceIconName; children: ReactNode }) {
  return (
    <h1 className="flex items-center gap-3 text-3xl font-bold tracking-tight">
      <ResourceIcon name={icon} className="size-7 shrink-0 text-zinc-500 dark:text-zinc-400" />
      {children}
    </h1>
  );
}
