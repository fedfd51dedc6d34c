import { requestLog } from "@/db/schema";
import { belongsTo, defineResource, rule } from "@/server/core";
import { isAdmin } from "./policies";

const admins = rule("admins", ({ user }) => isAdmin(user));
/** The request log is written by the server itself, after each response: nobody writes it through the API. */
const theServer = rule("the server only", () => false);

/**
 * The request log (docs/operations.md): one row per HTTP request the server kept, read-only, for admins.
 */
export const requestLogsResource = defineResource("requestLogs", {
  table: requestLog,
  label: { one: "Request", many: "Request log" },
  icon: "Activity",
  titleField: "requestId",
  fields: {
    // Indexed (request_log_at_idx, and with status, actor and route): the filters below all use an index.
    at: { label: "At", sortable: true, filterable: true, help: "When the request arrived." },
    requestId: {
      label: "Request id",
      filterable: true,
      searchable: true,
      help: "The X-Request-Id its response carried; its audit entries carry it too.",
    },
    method: { label: "Method", filterable: true },
    route: {
      label: "Route",
      filterable: true,
      sortable: true,
      searchable: true,
      help: "The route pattern (/api/trpc, /api/files/[...path], a page's /admin/[resource]), never the URL with its query.",
    },
    procedure: {
      label: "Procedure",
      filterable: true,
      searchable: true,
      help: "tRPC procedures, comma-separated for a batch.",
    },
    status: {
      label: "Status",
      filterable: true,
      sortable: true,
      help: "The HTTP status: 500 to 599 for server errors, 400 to 499 for refused requests.",
    },
    durationMs: {
      label: "Duration (ms)",
      filterable: true,
      sortable: true,
      help: "Until the response's headers were ready.",
    },
    actorId: { label: "Actor", filterable: true, help: "The signed-in user (or token's owner); empty when anonymous." },
    ip: { label: "IP", filterable: true },
    userAgent: { label: "User agent" },
    error: { label: "Error", help: "A server-side failure's message (the client never saw it)." },
    instance: { label: "Instance", filterable: true, help: "The app instance (host:pid) that answered." },
  },
  relations: { actor: belongsTo("users", { field: "actorId" }) },
  list: { defaultSort: ["-at"] },
  access: {
    list: admins,
    get: admins,
    create: theServer,
    update: theServer,
    delete: theServer,
    restore: theServer,
    purge: theServer,
    revert: theServer,
  },
});
