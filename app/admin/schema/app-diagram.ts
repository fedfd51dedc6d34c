/**
 * This app's schema diagram: every table of db/schema and every registered resource's relations. Drawn once per
 * process, since the schema is code and changes only with a deploy; the page and the download share it, so they
 * always show the same diagram.
 */
import "server-only";
import { appConfig } from "@/atrium.config";
import * as schema from "@/db/schema";
import { type SchemaDiagram, schemaDiagram, tablesIn } from "@/server/core/schema-diagram";
import { resources } from "@/server/resources";

let drawn: SchemaDiagram | undefined;

export function appSchemaDiagram(): SchemaDiagram {
  drawn ??= schemaDiagram(
    { tables: tablesIn(schema), resources: Object.values(resources) },
    { title: `${appConfig.name} database schema` },
  );
  return drawn;
}

/** Where the page links to download the SVG (app/admin/schema/diagram.svg/route.ts). */
export const SCHEMA_SVG_PATH = "/admin/schema/diagram.svg";
