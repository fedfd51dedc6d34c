/**
 * How writes attach and let go of files (decision 017). A write sends file ids; each must be one the record already
 * holds, or a `pending` upload of the caller's for this resource and field (a revert may also take back a file this
 * record let go of, while it still exists). The engine writes the files' descriptors from the ledger, never from
 * the input, and moves the ledger rows in the same transaction: attached to the record, or detached from it.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type FileRow, files } from "@/db/schema";
import { type Actor, userOf } from "../actor";
import { FieldError } from "../errors";
import type { Executor } from "../executor";
import { type FieldConfig, fieldLabel } from "../fields";
import type { AnyResource } from "../resource";
import type { StoredFile } from "./column";
import type { FileOptions } from "./options";

type Rec = Record<string, unknown>;

/** What one write does to one file field's ledger rows once the record's id is known. */
export interface FilePlan {
  field: string;
  attach: string[];
  detach: string[];
}

const byResource = new WeakMap<AnyResource, [string, FileOptions][]>();

/** The resource's file fields and their options, in declaration order. */
export function fileFields(resource: AnyResource): [string, FileOptions][] {
  let found = byResource.get(resource);
  if (!found) {
    const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
    found = Object.entries(configs).flatMap(([key, config]) =>
      config?.file ? [[key, config.file] as [string, FileOptions]] : [],
    );
    byResource.set(resource, found);
  }
  return found;
}

export function fileOptionsOf(resource: AnyResource, field: string): FileOptions | undefined {
  return fileFields(resource).find(([key]) => key === field)?.[1];
}

/** The descriptors a record's file field holds, as a list (one file, none, or several). */
export function storedFiles(value: unknown): StoredFile[] {
  if (Array.isArray(value)) return value.filter(isStoredFile);
  return isStoredFile(value) ? [value] : [];
}

function isStoredFile(value: unknown): value is StoredFile {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}

/** The ids a file value names: ids as sent, or descriptors as read (a revert's earlier version). */
function idsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  const ids = list.map((v) => (typeof v === "string" ? v : isStoredFile(v) ? v.id : undefined));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

export function describeFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    type: row.type,
    ...(row.width !== null && row.height !== null ? { width: row.width, height: row.height } : {}),
  };
}

function refuse(field: string, message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, { [field]: [message] }) });
}

/**
 * Replaces the file ids in `data` by their descriptors, checking each new one against the ledger (and locking its
 * row, so two writes cannot both attach one upload). `old` is the record being changed (null on create); a revert
 * may take back files this record let go of. Returns the plans to apply once the record is written.
 */
export async function resolveFileInputs(
  tx: Executor,
  resource: AnyResource,
  actor: Actor,
  data: Rec,
  old: Rec | null,
  mode: "write" | "revert" = "write",
): Promise<{ data: Rec; plans: FilePlan[] }> {
  const fields = fileFields(resource);
  if (fields.length === 0) return { data, plans: [] };
  const out = { ...data };
  const plans: FilePlan[] = [];
  const uploader = userOf(actor)?.id;
  const recordId = old ? String(old[resource.info.idKey]) : undefined;
  for (const [key, options] of fields) {
    if (!(key in data) || data[key] === undefined) continue;
    const label = fieldLabel(key, (resource.fields as Record<string, FieldConfig>)[key]);
    const ids = idsOf(data[key]);
    if (options.multiple === undefined && ids.length > 1) refuse(key, `${label} takes one file`);
    if (options.multiple !== undefined && ids.length > options.multiple) {
      refuse(key, `${label} takes at most ${options.multiple} files`);
    }
    const current = new Map(storedFiles(old?.[key]).map((f) => [f.id, f]));
    const wanted = ids.filter((id) => !current.has(id));
    const rows = wanted.length
      ? await tx
          .select()
          .from(files)
          .where(and(inArray(files.id, wanted), eq(files.resource, resource.name), eq(files.field, key)))
          .for("update")
      : [];
    const usable = new Map(
      rows
        .filter(
          (row) =>
            (row.state === "pending" && (actor.kind === "system" || (uploader && row.uploadedBy === uploader))) ||
            (mode === "revert" && row.state === "detached" && recordId !== undefined && row.recordId === recordId),
        )
        .map((row) => [row.id, row]),
    );
    const missing = wanted.filter((id) => !usable.has(id));
    if (missing.length > 0) {
      refuse(
        key,
        mode === "revert"
          ? `${label}: an earlier file no longer exists, so this version cannot be restored`
          : `${label}: a file is not an upload of yours for this field, or it no longer exists`,
      );
    }
    const descriptors = ids.map((id) => current.get(id) ?? describeFile(usable.get(id) as FileRow));
    out[key] = options.multiple === undefined ? (descriptors[0] ?? null) : descriptors;
    plans.push({ field: key, attach: wanted, detach: [...current.keys()].filter((id) => !ids.includes(id)) });
  }
  return { data: out, plans };
}

/** Moves the ledger rows of a written record: new files attached to it, dropped ones detached (kept for revert). */
export async function applyFilePlans(tx: Executor, resource: AnyResource, recordId: unknown, plans: FilePlan[]) {
  const id = String(recordId);
  for (const plan of plans) {
    if (plan.attach.length > 0) {
      await tx
        .update(files)
        .set({ state: "attached", recordId: id, detachedAt: null })
        .where(inArray(files.id, plan.attach));
    }
    if (plan.detach.length > 0) {
      await tx
        .update(files)
        .set({ state: "detached", detachedAt: sql`now()` })
        .where(
          and(
            inArray(files.id, plan.detach),
            eq(files.resource, resource.name),
            eq(files.recordId, id),
            eq(files.state, "attached"),
          ),
        );
    }
  }
}

/**
 * A record that is gone for good (purged, or deleted without soft delete) lets go of all its files at once: their
 * grace is over, so the sweeper (or the call after commit) deletes them.
 */
export async function releaseRecordFiles(tx: Executor, resource: AnyResource, recordId: unknown): Promise<string[]> {
  if (fileFields(resource).length === 0) return [];
  const released = await tx
    .update(files)
    .set({ state: "detached", detachedAt: sql`'epoch'::timestamptz` })
    .where(and(eq(files.resource, resource.name), eq(files.recordId, String(recordId))))
    .returning({ id: files.id });
  return released.map((r) => r.id);
}
