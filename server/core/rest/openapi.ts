/**
 * The OpenAPI 3.1 document of the REST API (docs/rest.md), as one caller may use it.
 *
 * Per caller, not complete: it is built from `meta` for this actor (meta.ts), so a resource they may not list has
 * no list path, a field hidden from them is in no schema, an action their rule refuses has no path. Nothing a policy
 * hides is readable through any path, this document included; a complete document would name every admin-only
 * resource, field and action to anonymous callers.
 */
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Actor } from "../actor";
import { describeResource, type ResourceDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import { ERROR_RESPONSES, statusOf } from "./openapi-operations";
import { resourcePaths } from "./openapi-paths";
import { filterSchema, listSchema, recordSchema, schemaNames, writeSchema } from "./openapi-schemas";
import { type JsonSchema, ref } from "./openapi-values";

export interface OpenApiOptions {
  /** Where the API is served, e.g. "https://example.com/api/v1". */
  serverUrl: string;
  title?: string;
  version?: string;
  /** The session cookie's name (Auth.js's, by default; "__Secure-" prefixed over HTTPS). */
  sessionCookie?: string;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

/** tRPC's error codes: REST answers with the same codes and statuses. */
const TRPC_CODES = Object.keys(TRPC_ERROR_CODES_BY_KEY);

/** The schemas every document has: the error, and the shapes of files and history entries. */
function sharedSchemas(): Record<string, JsonSchema> {
  return {
    Error: {
      type: "object",
      properties: {
        code: { type: "string", enum: TRPC_CODES, description: "tRPC's error code; the HTTP status is tRPC's for it." },
        message: { type: "string", description: "One sentence for a person." },
        fieldErrors: {
          anyOf: [ref("FieldErrors"), { type: "null" }],
          description: "Messages by field (dotted paths for nested ones, `_form` for the whole input).",
        },
      },
      required: ["code", "message"],
    },
    FieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    File: {
      type: "object",
      description: "A stored file, as records hold it; downloaded from the files route by its id and name.",
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        size: { type: "integer", minimum: 0 },
        type: { type: "string", description: "The type sniffed from the content, e.g. image/png." },
        width: { type: "integer" },
        height: { type: "integer" },
      },
      required: ["id", "name", "size", "type"],
    },
    FileRef: {
      description: "An uploaded file: its id, or its descriptor as a read returned it (only the id counts).",
      anyOf: [
        { type: "string", format: "uuid" },
        { type: "object", properties: { id: { type: "string", format: "uuid" } }, required: ["id"] },
      ],
    },
    HistoryEntry: {
      type: "object",
      properties: {
        id: { type: "integer" },
        at: { type: "string", format: "date-time" },
        operation: { type: "string", description: "create, update, delete, restore, purge, revert, action..." },
        actor: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["user", "token", "system", "anonymous"] },
            id: { type: ["string", "null"] },
            name: { type: "string" },
          },
          required: ["kind", "id", "name"],
        },
        before: {
          type: ["object", "null"],
          description: "The fields before the change, as this caller may read them.",
        },
        after: { type: ["object", "null"], description: "The fields after the change, as this caller may read them." },
        refs: { type: "object", description: "Titles of the records the entry names, by field then id." },
      },
      required: ["id", "at", "operation", "actor", "before", "after", "refs"],
    },
    HistoryPage: {
      type: "object",
      properties: {
        items: { type: "array", items: ref("HistoryEntry") },
        page: { type: "integer" },
        perPage: { type: "integer" },
        totalItems: { type: "integer" },
        totalPages: { type: "integer" },
      },
      required: ["items", "page", "perPage", "totalItems", "totalPages"],
    },
  };
}

function errorResponses(): Record<string, JsonSchema> {
  const content = { "application/json": { schema: ref("Error") } };
  const retryAfter = {
    "Retry-After": { description: "Seconds until trying again is worth it.", schema: { type: "integer" } },
  };
  const out: Record<string, JsonSchema> = {};
  for (const [name, { code, description }] of Object.entries(ERROR_RESPONSES)) {
    const status = statusOf(code);
    out[name] = { description, content, ...(status === 429 || status === 503 ? { headers: retryAfter } : {}) };
  }
  out.Error = { description: "Any other refusal, in the same shape.", content };
  return out;
}

/** Whether this caller may use the resource at all: list it, get, create, or run one of its actions. */
function usable(meta: ResourceDescriptor): boolean {
  const { can } = meta;
  return can.list || can.get || can.create || can.update || can.delete || (meta.actions ?? []).some((a) => a.can);
}

export function openApiDocument(
  registry: Record<string, AnyResource>,
  actor: Actor,
  options: OpenApiOptions,
): OpenApiDocument {
  const metas = new Map<string, ResourceDescriptor>();
  for (const [name, resource] of Object.entries(registry)) {
    const meta = describeResource(resource, registry, actor);
    if (usable(meta)) metas.set(name, meta);
  }
  // Expanded relations carry a target's records only where its list rule lets them (expand.ts): the same here.
  const expandable = (name: string) => Boolean(metas.get(name)?.can.list);

  const schemas: Record<string, JsonSchema> = sharedSchemas();
  const paths: OpenApiDocument["paths"] = {};
  const tags: OpenApiDocument["tags"] = [];
  for (const [name, meta] of metas) {
    const resource = registry[name] as AnyResource;
    const names = schemaNames(name);
    schemas[names.record] = recordSchema(resource, meta, actor, (target) =>
      expandable(target) ? schemaNames(target) : undefined,
    );
    if (meta.can.list) schemas[names.list] = listSchema(names);
    if (meta.can.create) schemas[names.create] = writeSchema(resource, meta, registry, "create");
    if (meta.can.update) schemas[names.update] = writeSchema(resource, meta, registry, "update");
    const filter = meta.can.list ? filterSchema(resource, meta, names) : undefined;
    if (filter) schemas[names.filter] = filter;
    Object.assign(paths, resourcePaths(resource, meta, names, filter !== undefined, expandable));
    tags.push({ name, description: meta.label.many });
  }

  const anonymous = actor.kind === "anonymous";
  return {
    openapi: "3.1.0",
    info: {
      title: options.title ?? "REST API",
      version: options.version ?? "1",
      description:
        "Plain JSON over the same engine as the app's tRPC API: the same rules, validation, hooks, audit and live updates. " +
        "This document shows what its caller may use.",
    },
    servers: [{ url: options.serverUrl }],
    // Anonymous callers may call what this document shows without credentials; everyone else sends theirs.
    security: anonymous ? [{}, { session: [] }, { bearer: [] }] : [{ session: [] }, { bearer: [] }],
    tags,
    paths,
    components: {
      schemas,
      responses: errorResponses(),
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: options.sessionCookie ?? "authjs.session-token",
          description: "The browser session of a signed-in user.",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token: `Authorization: Bearer <token>`. Read-only tokens may only call GET paths.",
        },
      },
    },
  };
}
