import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminTable } from "@/components/admin/admin-table";
import { ResourceIcon } from "@/components/admin/resource-icon";
import { Button } from "@/components/ui/button";
import { adminResources, isResourceName, serverCaller } from "@/server/admin";

type Params = { params: Promise<{ resource: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { resource } = await params;
  return { title: adminResources().find((r) => r.name === resource)?.label ?? resource };
}

/** The list page of any registered resource: the generated table, and "New" when the caller may create. */
export default async function ResourceListPage({ params }: Params) {
  const { resource } = await params;
  if (!isResourceName(resource)) notFound();
  const meta = await (await serverCaller())[resource].meta();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="flex items-center gap-3 text-3xl font-bold tracking-tight">
          <ResourceIcon name={meta.icon} className="size-7 shrink-0 text-zinc-500 dark:text-zinc-400" />
          {meta.label.many}
        </h1>
        {meta.can.create ? (
          <Button asChild>
            <Link href={`/admin/${resource}/new`}>New {meta.label.one.toLowerCase()}</Link>
          </Button>
        ) : null}
      </div>
      <AdminTable resource={resource} />
    </div>
  );
}
