"use client";
/**
 * "Export CSV" and "Import CSV" in a resource's admin table toolbar. The export downloads the view the table shows
 * (its filters, search, sort and deleted rows, read from the URL as the table reads them); the import opens the
 * import page, for callers who may create in the resource.
 */
import { Download, Upload } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { useResourceMeta } from "@/components/form/use-resource-meta";
import { toListInput } from "@/components/table/list-input";
import { buildSpec, type ResourceTableSpec } from "@/components/table/spec";
import { useUrlParams } from "@/components/table/use-table-params";
import { Button } from "@/components/ui/button";
import { exportHref } from "./export-href";

function ExportButton({ spec }: { spec: ResourceTableSpec }) {
  const [state] = useUrlParams(spec, "");
  const input = toListInput(state, spec, { dayFields: spec.dayFields, serverSort: spec.serverSort });
  return (
    <Button variant="outline" size="sm" asChild>
      <a href={exportHref(spec.resource, input)} download>
        <Download aria-hidden="true" />
        Export CSV
      </a>
    </Button>
  );
}

export function CsvButtons({ resource }: { resource: string }) {
  const meta = useResourceMeta(resource).data;
  const spec = useMemo(() => (meta ? buildSpec(meta) : null), [meta]);
  if (!meta || !spec) return null;
  return (
    <>
      <ExportButton spec={spec} />
      {meta.can.create ? (
        <Button variant="outline" size="sm" asChild>
          <Link href={`/admin/${resource}/import`}>
            <Upload aria-hidden="true" />
            Import CSV
          </Link>
        </Button>
      ) : null}
    </>
  );
}
