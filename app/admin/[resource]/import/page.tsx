import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CsvImport } from "@/components/admin/import/csv-import";
import { ResourceHeading } from "@/components/admin/resource-heading";
import { csvFromEnv } from "@/env";
import { isResourceName, serverCaller } from "@/server/admin";
import { IMPORT_BATCH_ROWS } from "@/server/ops/csv/import-router";

type Params = { params: Promise<{ resource: string }> };

export const metadata: Metadata = { title: "Import CSV" };

/** CSV import into any resource the caller may create in (docs/operations-export-import.md). */
export default async function ImportPage({ params }: Params) {
  const { resource } = await params;
  if (!isResourceName(resource)) notFound();
  const meta = await (await serverCaller())[resource].meta();
  if (!meta.can.create) return <p role="alert">You may not create {meta.label.many.toLowerCase()}.</p>;
  const { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } = csvFromEnv();
  // Files are uploaded, not typed into a cell; a field the caller may not set is not offered.
  const fields = meta.fields
    .filter((f) => f.canCreate && f.type !== "file")
    .map((f) => ({ name: f.name, label: f.label, required: f.required && !f.serverDefault }));
  return (
    <div className="max-w-5xl space-y-6">
      <ResourceHeading icon={meta.icon}>Import {meta.label.many.toLowerCase()}</ResourceHeading>
      <CsvImport
        resource={resource}
        noun={meta.label.many.toLowerCase()}
        fields={fields}
        limits={{ maxBytes: IMPORT_MAX_BYTES, maxRows: IMPORT_MAX_ROWS, batchRows: IMPORT_BATCH_ROWS }}
      />
    </div>
  );
}
