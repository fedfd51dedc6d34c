/**
 * `GET /api/export/<resource>`: one resource's list as CSV, as the caller sees it, and `GET /api/export`: every
 * resource as one CSV each in a zip, for admins. docs/operations-export-import.md describes both.
 */
import "server-only";
import { TRPCError } from "@trpc/server";
import { getDb } from "@/db/client";
import { csvFromEnv } from "@/env";
import { authorize } from "@/server/core/access";
import { prepareCsvExport } from "@/server/core/export/csv-export";
import { parseExportParams } from "@/server/core/export/params";
import { type ZipEntry, zipStream } from "@/server/core/export/zip";
import type { AnyResource } from "@/server/core/resource";
import { resources } from "@/server/resources";
import { answerExport, attachment, errorResponse, exportCaller, NOT_EXPORTABLE, streamOf } from "./http";

const registry = resources as Record<string, AnyResource>;

function resourceNamed(name: string): AnyResource | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}

export function exportResource(req: Request, name: string): Promise<Response> {
  return answerExport(async () => {
    const found = await exportCaller(req);
    if ("refusal" in found) return found.refusal;
    const resource = resourceNamed(name);
    if (!resource) return errorResponse(404, NOT_EXPORTABLE);
    // Before the parameters are read: their messages name fields, which a caller who may not list must not learn.
    authorize(resource.access, "list", found.caller.actor, resource.name);
    const { EXPORT_MAX_ROWS } = csvFromEnv();
    const params = parseExportParams(resource, new URL(req.url).searchParams, EXPORT_MAX_ROWS);
    const csv = await prepareCsvExport(getDb(), resource, found.caller.actor, params, EXPORT_MAX_ROWS);
    return new Response(streamOf(csv.chunks), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": attachment(resource.name, "csv"),
        "cache-control": "no-store",
        "x-export-rows": String(csv.rows),
      },
    });
  });
}

/** What the zip's manifest.json says of each resource. */
interface ManifestEntry {
  resource: string;
  file: string | null;
  rows: number;
  /** More rows than EXPORT_MAX_ROWS: the file holds the first ones. */
  truncated: boolean;
  /** Set when the admin's own rules refuse this resource's list (its file is left out). */
  refused?: string;
}

export function exportEverything(req: Request): Promise<Response> {
  return answerExport(async () => {
    const found = await exportCaller(req);
    if ("refusal" in found) return found.refusal;
    const { actor } = found.caller;
    if (actor.kind !== "user" || actor.user.role !== "admin") {
      return errorResponse(actor.kind === "user" ? 403 : 401, "Admins only.");
    }
    if ([...new URL(req.url).searchParams.keys()].length > 0) {
      return errorResponse(400, "The export of every resource takes no parameters.", {
        fieldErrors: { parameter: ["The export of every resource takes no parameters"] },
      });
    }
    const { EXPORT_MAX_ROWS } = csvFromEnv();
    const db = getDb();
    const manifest: ManifestEntry[] = [];
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (const resource of Object.values(registry)) {
        const csv = await prepareCsvExport(db, resource, actor, {}, EXPORT_MAX_ROWS, { truncate: true }).catch(
          (error: unknown) => {
            // An app rule may refuse even admins a list; the zip says so instead of failing.
            if (!(error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "UNAUTHORIZED"))) {
              throw error;
            }
            manifest.push({ resource: resource.name, file: null, rows: 0, truncated: false, refused: error.message });
            return null;
          },
        );
        if (!csv) continue;
        const file = `${resource.name}.csv`;
        manifest.push({ resource: resource.name, file, rows: csv.rows, truncated: csv.matched > csv.rows });
        yield { name: file, chunks: csv.chunks };
      }
      yield {
        name: "manifest.json",
        chunks: single(JSON.stringify({ exportedAt: new Date(), files: manifest }, null, 2)),
      };
    }
    return new Response(streamOf(zipStream(entries())), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": attachment("export", "zip"),
        "cache-control": "no-store",
      },
    });
  });
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}
