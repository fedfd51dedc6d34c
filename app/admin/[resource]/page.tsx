import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminTable } from "@/components/admin/admin-table";
import { Button } from "@/components/ui/button";
import { isResourceName, serverCaller } from "@/server/admin";

type Params = { params: Promise<{ resource: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { resource } = await params;
  return { title: resource };
}

/** The list page of any registered resource: the generated table, and "New" when the caller may create. */
export default async function ResourceListPage({ params }: Params) {
  const { resource } = await params;
  if (!isResourceName(resource)) notFound();
  const meta = await (await serverCaller())[resource].meta();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold tracking-tight">{meta.label.many}</h1>
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
