/**
 * A page's route pattern (`/posts/[post]`) from its path, by the table `next build` writes (routes-manifest.json:
 * the same patterns and regular expressions Next routes with, static ones first, dynamic ones in Next's order). The
 * log and the metrics name a page by its pattern, as they name API routes: a path can carry an id or a token, and a
 * metric label per path would grow without end. `next dev` writes no such table (it compiles pages on demand); there
 * the path itself is the route, which is fine for one developer's log.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const routeEntry = z.object({ page: z.string(), regex: z.string() });
const manifestSchema = z.object({
  basePath: z.string().optional(),
  staticRoutes: z.array(routeEntry).optional(),
  dynamicRoutes: z.array(routeEntry).optional(),
});

export interface PageRoutes {
  /** The pattern of the page this path reaches, or null when no page does (a static file, a 404). */
  match(pathname: string): string | null;
  /** Whether the patterns come from a build (false under `next dev`: `match` answers the path itself). */
  readonly fromBuild: boolean;
}

/** The path of a request target, without its query or fragment. */
export function pathnameOf(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** Reads `<distDir>/routes-manifest.json`; without one (or with one that has no routes), paths answer themselves. */
export function loadPageRoutes(distDir: string = process.env.NEXT_DIST_DIR || ".next"): PageRoutes {
  let parsed: z.infer<typeof manifestSchema> | null = null;
  try {
    const json: unknown = JSON.parse(readFileSync(path.join(process.cwd(), distDir, "routes-manifest.json"), "utf8"));
    const result = manifestSchema.safeParse(json);
    if (result.success) parsed = result.data;
  } catch {
    // No build here (next dev, a test): the fallback below.
  }
  const entries = [...(parsed?.staticRoutes ?? []), ...(parsed?.dynamicRoutes ?? [])];
  if (!parsed || entries.length === 0) return { match: (pathname) => pathname.slice(0, 200), fromBuild: false };
  return pageRoutes(entries, parsed.basePath ?? "");
}

export function pageRoutes(entries: { page: string; regex: string }[], basePath = ""): PageRoutes {
  const routes = entries.flatMap(({ page, regex }) => {
    try {
      return [{ page, regex: new RegExp(regex) }];
    } catch {
      return [];
    }
  });
  return {
    fromBuild: true,
    match(pathname) {
      const local = basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || "/" : pathname;
      // Next's internal pages (its 404 and error boundaries) are not a route a client asked for.
      const found = routes.find((route) => route.regex.test(local));
      return found && !found.page.startsWith("/_") ? found.page : null;
    },
  };
}
