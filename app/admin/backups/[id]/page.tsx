import type { Metadata } from "next";
import { RecordEditor } from "@/components/admin/record-editor";
import { adminUser } from "@/server/admin";
import { BackupPanel } from "./backup-panel";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Backup" };

/** A backup's page: its download and last check, then the generated record (with Verify, Dry run, Restore) and history. */
export default async function BackupPage({ params }: Params) {
  const { id } = await params;
  const { user } = await adminUser();
  return (
    <div className="space-y-8">
      <BackupPanel id={id} />
      <RecordEditor resource="backups" id={id} isAdmin={user?.role === "admin"} currentUserId={user?.id} />
    </div>
  );
}
