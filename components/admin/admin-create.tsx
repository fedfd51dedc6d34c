"use client";
/**
 * The admin's create view: the generated form with every field, those the server fills in included (they read
 * "You" where the server puts the person saving); on success, on to the new record's edit page.
 */
import { ResourceForm } from "@/components/form/resource-form";
import type { ResourceName } from "@/components/form/types";

export function AdminCreate({ resource }: { resource: ResourceName }) {
  return (
    <ResourceForm
      resource={resource}
      showServerSet
      // The form says "<Label> created." and the edit page it moves on to shows the record: one confirmation.
      redirectTo={`/admin/${resource}/{id}`}
      cancelHref={`/admin/${resource}`}
    />
  );
}
