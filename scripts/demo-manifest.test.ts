/**
 * The demo manifest stays true as the demo grows: every file that looks like demo code is listed (removed, rewritten,
 * or kept with a reason), nothing the app keeps imports a file the removal deletes, and every entry still applies to
 * this tree (no edit whose text is gone, no path that no longer exists).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoManifest, demoMarkers, stripComments } from "./demo-manifest";
import { planRemoval, type RemovalPlan } from "./demo-remove/apply";
import { PROJECT_ROOT } from "./project-copy";

const CODE = /\.(?:ts|tsx|mjs|js)$/;
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".data", "test-results", "playwright-report", "coverage"]);

async function codeFiles(dir = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".next")) out.push(...(await codeFiles(rel)));
    } else if (CODE.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

const removedBy = (plan: RemovalPlan, file: string) => plan.remove.some((p) => file === p || file.startsWith(`${p}/`));

/** What a kept file will contain after the removal. */
async function afterRemoval(plan: RemovalPlan, file: string): Promise<string> {
  return plan.writes.get(file) ?? (await readFile(path.join(PROJECT_ROOT, file), "utf8"));
}

function markerHits(source: string): string[] {
  const code = stripComments(source);
  return demoMarkers().flatMap((marker) => code.match(marker)?.[0] ?? []);
}

/** Relative and `@/` import specifiers, resolved to project paths (extension and /index left to the caller). */
function localImports(file: string, source: string): string[] {
  const specifiers = [...stripComments(source).matchAll(/(?:from\s*|import\s*\(?\s*)["']([^"']+)["']/g)].map(
    (m) => m[1] ?? "",
  );
  return specifiers.flatMap((s) => {
    if (s.startsWith("@/")) return [s.slice(2)];
    if (s.startsWith(".")) return [path.posix.normalize(path.posix.join(path.posix.dirname(file), s))];
    return [];
  });
}

function resolvesInto(plan: RemovalPlan, target: string): boolean {
  const candidates = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`];
  return candidates.some((c) => existsSync(path.join(PROJECT_ROOT, c)) && removedBy(plan, c));
}

describe("the demo manifest (scripts/demo-manifest.ts)", () => {
  it("applies to this tree: every edit finds its text once, every listed path exists", async () => {
    const plan = await planRemoval(PROJECT_ROOT, demoManifest);
    expect(plan.missing, "listed for removal but gone: drop them from the manifest").toEqual([]);
    for (const { file } of demoManifest.keep) expect(existsSync(path.join(PROJECT_ROOT, file)), file).toBe(true);
  });

  it("lists every file that looks like demo code", async () => {
    const plan = await planRemoval(PROJECT_ROOT, demoManifest);
    const kept = new Set(demoManifest.keep.map((k) => k.file));
    const unlisted: string[] = [];
    for (const file of await codeFiles()) {
      if (removedBy(plan, file) || kept.has(file)) continue;
      const hits = markerHits(await afterRemoval(plan, file));
      if (hits.length > 0) unlisted.push(`${file}: ${hits.join(", ")}`);
    }
    expect(
      unlisted,
      "demo code the manifest does not list: add it to remove, replace or edits (or keep, with why)",
    ).toEqual([]);
  });

  it("leaves no kept file importing a deleted one", async () => {
    const plan = await planRemoval(PROJECT_ROOT, demoManifest);
    const broken: string[] = [];
    for (const file of await codeFiles()) {
      if (removedBy(plan, file)) continue;
      for (const target of localImports(file, await afterRemoval(plan, file))) {
        if (resolvesInto(plan, target)) broken.push(`${file} imports ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps only mentions that are still there, and names the demo's tables and types as the schema does", async () => {
    for (const { file } of demoManifest.keep) {
      expect(markerHits(await readFile(path.join(PROJECT_ROOT, file), "utf8")), file).not.toEqual([]);
    }
    const schemaFiles = demoManifest.remove.filter((p) => p.startsWith("db/schema/"));
    const declared = new Set<string>();
    for (const file of schemaFiles) {
      const source = await readFile(path.join(PROJECT_ROOT, file), "utf8");
      for (const m of source.matchAll(/pg(?:Table|Enum)\(\s*"([^"]+)"/g)) declared.add(m[1] ?? "");
    }
    expect([...declared].sort()).toEqual([...demoManifest.sqlNames].sort());
  });
});
