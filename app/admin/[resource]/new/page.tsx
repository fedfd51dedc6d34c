import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminCreate } from "@/components/admin/admin-create";
import { ResourceIcon } from "@/components/admin/resource-icon";
import { isResourceName, serverCaller } from "@/server/admin";

type Params = { params: Promise<{ resource: string }> };

export const metadata: Metadata = { title: "New" };

export default async function NewRecordPage({ params }: Params) {
  const { resource } = await params;
  if (!isResourceName(resource)) notFound();
  const meta = await (await serverCaller())[resource].meta();
  if (!meta.can.create) {
    return <p role="alert">You may not create {meta.label.many.toLowerCase()}.</p>;
  }
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="flex items-center gap-3 text-3xl font-bold tracking-tight">
        <ResourceIcon name={meta.icon} className="size-7 shrink-0 text-zinc-500 dark:text-zinc-400" />
        New {meta.label.one.toLowerCase()}
      </h1>
      <AdminCreate resource={resource} />
    </div>
  );
}
