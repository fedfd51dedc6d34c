/**
 * The uploadthing FileRouter (decision 017): one endpoint per file field of the registry, slug `resource.field`, with
 * the field's size and count. The browser uploads straight to uploadthing; this side decides who may, and judges
 * what arrived with the same checks as a local upload, on the bytes read back from uploadthing (never on the name,
 * type or size the uploader or uploadthing state). What passes is recorded `pending` and its descriptor is the
 * upload's `serverData`: the browser gets what `POST /api/files/upload` answers, `{ id, name, size, type, width?,
 * height? }`, or its refusal body `{ error: { message, fieldErrors } }` (the file then deleted at uploadthing).
 *
 * Refusals after the upload are answers, not throws: uploadthing's servers hold the browser's PUT until this side
 * posts a result, and a throwing onUploadComplete posts none.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { createUploadthing } from "uploadthing/next";
import { UploadThingError } from "uploadthing/server";
import { getDb } from "@/db/client";
import { files } from "@/db/schema";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { logger } from "@/server/core/logging/logger";
import type { Actor } from "../actor";
import type { AnyResource } from "../resource";
import type { StoredFile } from "./column";
import { describeFile, fileFields } from "./ledger";
import { describeFileOptions, uploadthingSlug } from "./options";
import { SNIFF_BYTES, safeFileName } from "./sniff";
import { uploadthingStorage } from "./storage";
import { fileTarget, judgeContent, mayUpload, pendingRefusal, type UploadTarget } from "./upload";
import { isUploadthingKey } from "./uploadthing-storage";
import { fileRefusal } from "./wording";

/** What an upload's `serverData` is: the local upload route's answer, a descriptor or a refusal. */
export type UploadAnswer =
  | { [K in keyof StoredFile]: StoredFile[K] }
  | { error: { message: string; fieldErrors: Record<string, string[]> } };

type Builder = ReturnType<typeof createUploadthing>;
type RouteInput = Exclude<Parameters<Builder>[0], readonly unknown[]>;
type FileSize = NonNullable<NonNullable<RouteInput["blob"]>["maxFileSize"]>;
type UploadthingType = "image" | "video" | "audio" | "pdf" | "text" | "blob";

/**
 * Who is uploading, from the request uploadthing's route received: the app's answer (its sessions, tokens and
 * cross-site rule), or a refusal in words for the uploader.
 */
export type UploadCaller = (req: Request) => Promise<{ actor: Actor; refused?: string }>;

/** The router for every file field of the registry; built per process on first use (it reads env). */
export function uploadthingRouter(registry: Record<string, AnyResource>, caller: UploadCaller) {
  const f = createUploadthing();
  const router: Record<string, ReturnType<typeof endpoint>> = {};
  for (const [name, resource] of Object.entries(registry)) {
    for (const [field] of fileFields(resource)) {
      const found = fileTarget(registry, name, field);
      if (found.target) router[uploadthingSlug(name, field)] = endpoint(f, found.target, caller);
    }
  }
  return router;
}

export type UploadthingRouter = ReturnType<typeof uploadthingRouter>;

function endpoint(f: Builder, target: UploadTarget, caller: UploadCaller) {
  const { maxSize, accept } = describeFileOptions(target.options);
  const limits = { maxFileSize: uploadthingSize(maxSize), maxFileCount: target.options.multiple ?? 1 };
  const config: RouteInput = Object.fromEntries(uploadthingTypes(accept).map((type) => [type, limits]));
  return f(config)
    .middleware(async ({ req, files: declared }) => {
      try {
        return await admit(req, declared, target, caller);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        throw new UploadThingError({
          code: "INTERNAL_SERVER_ERROR",
          message: "The database is not answering; try again in a moment.",
        });
      }
    })
    .onUploadComplete(({ file, metadata }) => record(file, metadata.uploadedBy, target));
}

/**
 * uploadthing's own pre-upload check (on the uploader's stated type and size) uses these families; content decides
 * after the upload. A type no family covers (`application/zip`) makes the endpoint take any file ("blob").
 */
function uploadthingTypes(accept: readonly string[] | undefined): UploadthingType[] {
  const types = new Set<UploadthingType>();
  for (const entry of accept ?? []) {
    const type = (entry.split(";", 1)[0] ?? "").trim().toLowerCase();
    const family = type.slice(0, type.indexOf("/"));
    if (type === "application/pdf") types.add("pdf");
    else if (family === "image" || family === "video" || family === "audio" || family === "text") types.add(family);
    else return ["blob"];
  }
  return types.size > 0 ? [...types] : ["blob"];
}

/**
 * Bytes as uploadthing's size string, exactly ("10MB", "1536KB", "1000B"). Its type lists powers of two only, but
 * it parses any `<n><unit>` (@uploadthing/shared fileSizeToBytes), and a rounded-up limit would let larger files in.
 */
function uploadthingSize(bytes: number): FileSize {
  for (const [unit, factor] of [
    ["GB", 1024 ** 3],
    ["MB", 1024 ** 2],
    ["KB", 1024],
  ] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}` as FileSize;
  }
  return `${bytes}B` as FileSize;
}

function refuse(code: "FORBIDDEN" | "TOO_LARGE" | "TOO_MANY_FILES", message: string): never {
  throw new UploadThingError({ code, message });
}

/** Who may upload here, before anything is uploaded: the same rules as the local upload route. */
async function admit(req: Request, declared: readonly { size: number }[], target: UploadTarget, caller: UploadCaller) {
  const { resource, field, options, label } = target;
  const db = getDb();
  const { actor, refused } = await caller(req);
  if (refused) refuse("FORBIDDEN", refused);
  if (actor.kind !== "user") refuse("FORBIDDEN", "Sign in to upload files.");
  if (!mayUpload(resource, field, actor)) refuse("FORBIDDEN", `You may not upload files to ${label}.`);
  const most = options.multiple ?? 1;
  if (declared.length > most) {
    refuse("TOO_MANY_FILES", `${label} takes ${most === 1 ? "one file" : `at most ${most} files`}.`);
  }
  // The stated sizes, checked here so an oversize file is never sent; the real size is checked once it arrives.
  const { maxSize } = describeFileOptions(options);
  if (declared.some((file) => file.size > maxSize)) {
    refuse("TOO_LARGE", fileRefusal.tooLarge(label, maxSize));
  }
  const hoarding = await pendingRefusal(db, actor.user.id, declared.length);
  if (hoarding) refuse("TOO_MANY_FILES", hoarding);
  return { uploadedBy: actor.user.id };
}

/** Judges an arrived file by its bytes and records it pending; a refused one is deleted at uploadthing. */
async function record(file: { key: string; name: string }, uploadedBy: string, target: UploadTarget) {
  const storage = uploadthingStorage();
  const refusal = async (message: string): Promise<UploadAnswer> => {
    await storage.remove(file.key).catch((error: unknown) => {
      logger("files").error({ err: error }, `could not delete refused uploadthing file ${file.key}`);
    });
    return { error: { message, fieldErrors: { [target.field]: [message] } } };
  };
  try {
    if (!isUploadthingKey(file.key)) return await refusal(`${target.label}: the upload did not arrive whole.`);
    const arrived = await storage.head(file.key, SNIFF_BYTES);
    if (!arrived) return await refusal(`${target.label}: the upload did not arrive whole.`);
    const { maxSize } = describeFileOptions(target.options);
    const verdict = await judgeContent(target, arrived.size, arrived.head, () => storage.read(file.key, maxSize));
    if (!verdict.ok) return await refusal(verdict.message);
    const values = {
      key: file.key,
      storage: "uploadthing" as const,
      name: safeFileName(file.name),
      size: arrived.size,
      type: verdict.type,
      width: verdict.image?.width ?? null,
      height: verdict.image?.height ?? null,
      resource: target.resource.name,
      field: target.field,
      uploadedBy,
    };
    // A callback delivered twice records the file once, and answers the same.
    const [row] = await getDb().insert(files).values(values).onConflictDoNothing({ target: files.key }).returning();
    const [recorded] = row ? [row] : await getDb().select().from(files).where(eq(files.key, file.key));
    if (!recorded) throw new Error("the file's ledger row was not written");
    return { ...describeFile(recorded) } satisfies UploadAnswer;
  } catch (error) {
    // Stored bytes without a ledger row would never be swept: take them back out.
    logger("files").error({ err: error }, `recording uploadthing file ${file.key} failed`);
    return refusal("Something went wrong on our side.");
  }
}
