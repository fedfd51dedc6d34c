/**
 * Everything under `/api/collections/` (docs/pocketbase.md): the records API of each resource (through the REST
 * handler and its gate), the auth endpoints of `users` (through the same gate, auth-gate.ts), and a clear 501 for
 * PocketBase's collection management, which Atrium does in code (a resource is a Drizzle table and a definition,
 * changed by a migration), never over HTTP. Create it once per app instance: the gate's limiter lives in it.
 */
import type { AnyResource } from "@/server/core/resource";
import { POCKETBASE_AUTH_ACTIONS } from "./auth";
import { createPocketBaseAuthHandler, type PocketBaseGateOptions } from "./auth-gate";
import { pocketBaseError } from "./errors";
import { pocketBaseRecords } from "./records";
import { notSupported } from "./unsupported";

const PREFIX = "/api/collections";

/** The decoded segments after /api/collections/, or null when the path is not valid percent-encoding. */
function segmentsOf(pathname: string): string[] | null {
  const rest = pathname.startsWith(`${PREFIX}/`) ? pathname.slice(PREFIX.length + 1) : "";
  try {
    return rest === "" ? [] : rest.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

export function createPocketBaseCollections(
  registry: Record<string, AnyResource>,
  rest: (req: Request) => Promise<Response>,
  options: PocketBaseGateOptions = {},
): (req: Request) => Promise<Response> {
  const auth = createPocketBaseAuthHandler(options);
  return async (req) => {
    const segments = segmentsOf(new URL(req.url).pathname);
    if (segments === null) return pocketBaseError(400, "The path is not valid URL-encoded text.");
    const [name, second] = segments;
    if (name === undefined || second === undefined || name === "") {
      return notSupported("Managing collections");
    }
    if (second === "records") return pocketBaseRecords(req, segments, registry, rest);
    if (segments.length === 2 && POCKETBASE_AUTH_ACTIONS.has(second)) return auth(req, name, second);
    if (segments.length === 2 && second === "truncate") return notSupported("Managing collections");
    return pocketBaseError(404, "The requested resource wasn't found.");
  };
}

/** The procedure-like name of a request for its log line and the metrics: `posts.list`, `users.auth-with-password`. */
export function pocketBaseProcedures(url: URL, method: string): string[] {
  const segments = segmentsOf(url.pathname);
  const [name, second, id] = segments ?? [];
  if (!name || !second) return [];
  if (second !== "records") return [`${name}.${second}`];
  if (id === undefined) return [`${name}.${method === "POST" ? "create" : "list"}`];
  return [`${name}.${{ GET: "get", PATCH: "update", DELETE: "delete" }[method] ?? "?"}`];
}
