/** The procedure a REST request names, for its log line and the metrics (`posts.list`), or none. */
import { resources } from "@/server/resources";
import { pathSegments } from "./handler";
import { restRoute } from "./route-map";

export function restProcedures(url: URL, method: string): string[] {
  const segments = pathSegments(url.pathname);
  const route = segments === null ? null : restRoute(method, segments, resources);
  return route === null || "status" in route ? [] : [`${route.resource}.${route.procedure}`];
}
