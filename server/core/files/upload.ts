/**
 * `POST /api/files/upload?resource=&field=`: one file as the raw request body (its name in `X-File-Name`,
 * percent-encoded), for local storage (decision 017). The body is streamed to a temporary file and refused as soon as
 * it passes the field's `maxSize`; the type is sniffed from the content and checked against `accept`; images must
 * decode (their dimensions are recorded). The file is then `pending`: the caller attaches it by sending its id in a
 * create or update of that resource's field. Nothing here trusts the client's name, size or type.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { files } from "@/db/schema";
import { env } from "@/env";
import { ruleArgs, ruleFor } from "../access";
import type { Actor } from "../actor";
import { type FieldConfig, fieldLabel } from "../fields";
import type { AnyResource } from "../resource";
import { describeFile, fileOptionsOf } from "./ledger";
import { describeFileOptions, type FileOptions } from "./options";
import { SNIFF_BYTES, safeFileName, sniffType } from "./sniff";
import { localStorage } from "./storage";
import { decodesWhole, imageInfo, THUMBABLE } from "./thumbs";
import { accepts, fileRefusal } from "./wording";

/** A refusal as the form shows it: the message on the field, and the status that says why. */
export function fileError(status: number, field: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { message, fieldErrors: { [field]: [message] } } }, { status, headers });
}

class TooLarge extends Error {}

/** Counts bytes on their way to disk and stops the stream the moment they pass the limit. */
function limitTo(max: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(new TooLarge());
      else done(null, chunk);
    },
  });
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Uploads running per user on this instance: a client cannot tie up the disk and the event loop alone. */
const running = new Map<string, number>();
const MAX_RUNNING_PER_USER = 4;

/** Whether this caller may put files in this field: they may create or update the resource, and write the field. */
export function mayUpload(resource: AnyResource, field: string, actor: Actor): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user" || (actor.via === "token" && actor.scope === "read")) return false;
  const args = ruleArgs(actor);
  const write = (resource.fields as Record<string, FieldConfig | undefined> | undefined)?.[field]?.access?.write;
  if (write && !write.allow({ ...args, old: undefined })) return false;
  return (["create", "update"] as const).some((op) => ruleFor(resource.access, op).allow(args) !== false);
}

export interface UploadTarget {
  resource: AnyResource;
  field: string;
  options: FileOptions;
  label: string;
}

/** The resource and file field an upload or download names, or a 404 that says which part is unknown. */
export function fileTarget(registry: Record<string, AnyResource>, resourceName: string | null, field: string | null) {
  if (!resourceName || !Object.hasOwn(registry, resourceName)) {
    return { error: fileError(404, "resource", "There is no such resource.") };
  }
  const resource = registry[resourceName] as AnyResource;
  const options = field ? fileOptionsOf(resource, field) : undefined;
  if (!field || !options) return { error: fileError(404, "field", `${resourceName} has no such file field.`) };
  const label = fieldLabel(field, (resource.fields as Record<string, FieldConfig | undefined>)[field]);
  return { target: { resource, field, options, label } satisfies UploadTarget };
}

function decodeName(raw: string | null): string {
  if (!raw) return "file";
  try {
    return safeFileName(decodeURIComponent(raw));
  } catch {
    return safeFileName(raw);
  }
}

export async function handleUpload(req: Request, db: Database, actor: Actor, target: UploadTarget): Promise<Response> {
  const { resource, field, options, label } = target;
  if (actor.kind === "anonymous") return fileError(401, field, "Sign in to upload files.");
  if (!mayUpload(resource, field, actor)) return fileError(403, field, `You may not upload files to ${label}.`);
  const { maxSize } = describeFileOptions(options);
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > maxSize) return fileError(413, field, fileRefusal.tooLarge(label, maxSize));
  if (!req.body) return fileError(400, field, `${label}: the request carries no file.`);

  const uploader = actor.kind === "user" ? actor.user.id : null;
  const hoard = uploader && (await pendingRefusal(db, uploader));
  if (hoard) return fileError(429, field, hoard);
  const slot = uploader ?? "system";
  if ((running.get(slot) ?? 0) >= MAX_RUNNING_PER_USER) {
    return fileError(429, field, "Too many uploads at once: wait for one to finish.", { "Retry-After": "1" });
  }
  running.set(slot, (running.get(slot) ?? 0) + 1);

  const storage = localStorage();
  const key = randomBytes(16).toString("hex");
  const temp = storage.tempPath(key);
  try {
    await fs.mkdir(path.dirname(temp), { recursive: true });
    try {
      await pipeline(Readable.fromWeb(req.body as never), limitTo(maxSize), createWriteStream(temp, { flags: "wx" }));
    } catch (error) {
      if (error instanceof TooLarge) return fileError(413, field, fileRefusal.tooLarge(label, maxSize));
      // The client went away or the body broke off: nothing was stored.
      return fileError(400, field, `${label}: the upload did not arrive whole.`);
    }
    const { size } = await fs.stat(temp);
    const verdict = await judgeContent(target, size, await readHead(temp), async () => temp);
    if (!verdict.ok) return fileError(verdict.status, field, verdict.message);
    const { type, image } = verdict;
    await storage.store(key, temp);
    const [row] = await db
      .insert(files)
      .values({
        key,
        storage: "local",
        name: decodeName(req.headers.get("x-file-name")),
        size,
        type,
        width: image?.width ?? null,
        height: image?.height ?? null,
        resource: resource.name,
        field,
        uploadedBy: uploader,
      })
      .returning();
    if (!row) throw new Error("the file's ledger row was not written");
    return Response.json(describeFile(row), { status: 201 });
  } catch (error) {
    // Stored bytes without a ledger row would never be swept: take them back out.
    await storage.remove(key).catch(() => {});
    throw error;
  } finally {
    await fs.rm(temp, { force: true }).catch(() => {});
    const left = (running.get(slot) ?? 1) - 1;
    if (left > 0) running.set(slot, left);
    else running.delete(slot);
  }
}

/** Why `uploader` may not add `adding` more unattached uploads (FILES_MAX_PENDING_PER_USER), or null. */
export async function pendingRefusal(db: Database, uploader: string, adding = 1): Promise<string | null> {
  const [pending] = await db
    .select({ n: count() })
    .from(files)
    .where(and(eq(files.state, "pending"), eq(files.uploadedBy, uploader)));
  const maxPending = env().FILES_MAX_PENDING_PER_USER;
  if ((pending?.n ?? 0) + adding <= maxPending) return null;
  return `You have ${maxPending} uploads not attached to anything yet: save some first.`;
}

export type ContentVerdict =
  | { ok: true; type: string; image: { width: number; height: number } | null }
  | { ok: false; status: number; message: string };

/**
 * What every upload must be, whatever storage it went to: within maxSize and not empty, of a type `accept` admits
 * (sniffed from `head`), and an image only if it decodes whole (`source` gives the whole file, read only for images).
 */
export async function judgeContent(
  target: UploadTarget,
  size: number,
  head: Uint8Array,
  source: () => Promise<string | Buffer | null>,
): Promise<ContentVerdict> {
  const { options, label } = target;
  const { maxSize, accept } = describeFileOptions(options);
  if (size > maxSize) return { ok: false, status: 413, message: fileRefusal.tooLarge(label, maxSize) };
  if (size === 0) return { ok: false, status: 400, message: fileRefusal.empty(label) };
  const type = await sniffType(head);
  if (!accepts(accept, type)) return { ok: false, status: 415, message: fileRefusal.wrongType(label, accept, type) };
  if (!THUMBABLE.has(type)) return { ok: true, type, image: null };
  const whole = await source();
  const image = whole !== null && (await decodesWhole(whole)) ? await imageInfo(whole) : null;
  return image
    ? { ok: true, type, image }
    : { ok: false, status: 400, message: `${label}: this image cannot be read.` };
}
