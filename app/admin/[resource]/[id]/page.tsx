import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RecordEditor } from "@/components/admin/record-editor";
import { adminUser, isResourceName } from "@/server/admin";

type Params = { params: Promise<{ resource: string; id: string }> };

export const metadata: Metadata = { title: "Edit" };

/** The edit page of any record: the generated form, delete/restore, the record's history (and tokens for users). */
export default async function EditRecordPage({ params }: Params) {
  const { resource, id } = await params;
  if (!isResourceName(resource)) notFound();
  const { user } = await adminUser();
  return <RecordEditor resource={resource} id={id} isAdmin={user?.role === "admin"} currentUserId={user?.id} />;
}
