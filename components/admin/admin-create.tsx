"use client";
/** The admin's create view: the generated form; on success, on to the new record's edit page. */
import { useRouter } from "next/navigation";
import { ResourceForm } from "@/components/form/resource-form";
import type { ResourceName } from "@/components/form/types";

export function AdminCreate({ resource }: { resource: ResourceName }) {
  const router = useRouter();
  return (
    <ResourceForm
      resource={resource}
      onSuccess={(record) => router.push(`/admin/${resource}/${String((record as { id: unknown }).id)}`)}
      onCancel={() => router.push(`/admin/${resource}`)}
    />
  );
}
