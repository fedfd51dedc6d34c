/**
 * Page patterns from a build's routes-manifest.json, as Next writes it (static routes, then dynamic ones with Next's
 * own regular expressions and order); without a build (`next dev`), the path itself.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPageRoutes, pathnameOf } from "./page-routes";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-routes-"));
  const manifest = {
    version: 3,
    basePath: "",
    staticRoutes: [
      { page: "/", regex: "^/(?:/)?$" },
      { page: "/notes/new", regex: "^/notes/new(?:/)?$" },
      { page: "/_not-found", regex: "^/_not\\-found(?:/)?$" },
    ],
    dynamicRoutes: [
      { page: "/notes/[note]", regex: "^/notes/([^/]+?)(?:/)?$" },
      { page: "/files/[...path]", regex: "^/files/(.+?)(?:/)?$" },
      { page: "/broken", regex: "([" },
    ],
  };
  await writeFile(path.join(dir, "routes-manifest.json"), JSON.stringify(manifest));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("page routes", () => {
  it("match as Next routes: a static page before a dynamic one, catch-alls, a trailing slash", () => {
    const routes = loadPageRoutes(path.relative(process.cwd(), dir));
    expect(routes.fromBuild).toBe(true);
    expect(routes.match("/")).toBe("/");
    expect(routes.match("/notes/new")).toBe("/notes/new");
    expect(routes.match("/notes/hello/")).toBe("/notes/[note]");
    expect(routes.match("/files/a/b/c.txt")).toBe("/files/[...path]");
    expect(routes.match("/notes/a/b")).toBeNull();
    // Next's internal pages are not routes a client asks for.
    expect(routes.match("/_not-found")).toBeNull();
  });

  it("without a build's table, a path answers itself (bounded)", () => {
    const routes = loadPageRoutes(path.join(path.relative(process.cwd(), dir), "no-such-dir"));
    expect(routes.fromBuild).toBe(false);
    expect(routes.match("/notes/x")).toBe("/notes/x");
    expect(routes.match(`/${"a".repeat(500)}`)).toHaveLength(200);
  });

  it("a target's path is what comes before its query or fragment", () => {
    expect(pathnameOf("/a/b?token=x#y")).toBe("/a/b");
    expect(pathnameOf("/a#b?c")).toBe("/a");
    expect(pathnameOf("/a")).toBe("/a");
  });
});
