import { Download } from "lucide-react";
import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { adminUser } from "@/server/admin";
import { describeModel } from "@/server/core/schema-diagram";
import { appSchemaDiagram, SCHEMA_SVG_PATH } from "./app-diagram";
import { DiagramViewer } from "./diagram-viewer";
import { SchemaText } from "./schema-text";

export const metadata: Metadata = { title: "Schema" };

/** The database as an entity-relationship diagram, drawn from the Drizzle tables and the resources (docs/operations-schema.md). Admins only. */
export default async function SchemaPage() {
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The schema diagram is for admins.
      </p>
    );
  }
  const diagram = appSchemaDiagram();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold tracking-tight">Schema</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {describeModel(diagram.model)}. Drawn from the Drizzle tables in db/schema and the relations of the
            registered resources.
          </p>
        </div>
        <Button asChild variant="outline">
          <a href={SCHEMA_SVG_PATH} download="schema.svg">
            <Download aria-hidden /> Download SVG
          </a>
        </Button>
      </div>
      <DiagramViewer svg={diagram.svg("page")} width={diagram.width} label="Schema diagram" />
      <SchemaText model={diagram.model} />
    </div>
  );
}
