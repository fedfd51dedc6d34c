/** The procedure a REST request names, for its log line and the metrics (`posts.list`), or none. */
import { resources } from "@/server/resources";
import { REST_PREFIX } from "./handler";
import { restRoute } from "./route-map";

export function restProcedures(url: URL, method: string): string[] {
  const rest = url.pathname.startsWith(`${REST_PREFIX}/`) ? url.pathname.slice(REST_PREFIX.length + 1) : "";
  let segments: string[];
  try {
    segments = rest.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return [];
  }
  const route = restRoute(method, segments, resources);
  return "status" in route ? [] : [`${route.resource}.${route.procedure}`];
}
