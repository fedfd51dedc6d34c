/**
 * What `npm run gen:resource` needs to know about the project it adds to, read from the files themselves: the names
 * already taken, and where each registered resource's table lives (for `owner:users` style references).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ProjectNames } from "./names";
import type { ReferenceTarget } from "./render";

export interface ProjectSnapshot {
  names: ProjectNames;
  /** Registered resources by name, with their table. */
  targets: Record<string, ReferenceTarget>;
}

async function tsFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
}

export async function readProject(root: string): Promise<ProjectSnapshot> {
  const schemaDir = path.join(root, "db", "schema");
  const resourcesDir = path.join(root, "server", "resources");
  const schemaFiles = await tsFiles(schemaDir);
  const sqlNames: string[] = [];
  const schemaExports: string[] = [];
  const tableFile = new Map<string, string>();
  for (const file of schemaFiles) {
    const source = await readFile(path.join(schemaDir, file), "utf8");
    for (const m of source.matchAll(/pg(?:Table|Enum)\(\s*"([^"]+)"/g)) sqlNames.push(m[1] ?? "");
    for (const m of source.matchAll(/export const (\w+)\s*=\s*(pgTable)?/g)) {
      schemaExports.push(m[1] ?? "");
      if (m[2]) tableFile.set(m[1] ?? "", file.replace(/\.ts$/, ""));
    }
  }

  const registry = await readFile(path.join(resourcesDir, "index.ts"), "utf8");
  const importedFrom = new Map<string, string>();
  for (const m of registry.matchAll(/^import \{ (\w+) \} from "\.\/([\w-]+)";$/gm)) {
    importedFrom.set(m[1] ?? "", m[2] ?? "");
  }
  const block = /^export const resources = \{\n([\s\S]*?)^\};$/m.exec(registry)?.[1] ?? "";
  const targets: Record<string, ReferenceTarget> = {};
  const apiKeys: string[] = [];
  for (const m of block.matchAll(/^\s*(\w+)\s*:\s*(\w+)\s*,?\s*$/gm)) {
    const key = m[1] ?? "";
    apiKeys.push(key);
    const definitionFile = importedFrom.get(m[2] ?? "");
    if (!definitionFile) continue;
    const definition = await readFile(path.join(resourcesDir, `${definitionFile}.ts`), "utf8").catch(() => "");
    const table = /\btable:\s*(\w+)/.exec(definition)?.[1];
    const schemaFile = table ? tableFile.get(table) : undefined;
    if (table && schemaFile) targets[key] = { tableExport: table, schemaFile };
  }
  // The app router's own keys (audit, tokens, ...): `key: something,` lines inside `router({ ... })`.
  const router = await readFile(path.join(root, "server", "router.ts"), "utf8").catch(() => "");
  const routerBlock = /router\(\{\n([\s\S]*?)^\}\);/m.exec(router)?.[1] ?? "";
  for (const m of routerBlock.matchAll(/^\s*(\w+)\s*:/gm)) apiKeys.push(m[1] ?? "");

  const files = [...schemaFiles, ...(await tsFiles(resourcesDir))].map((f) => f.replace(/(\.test)?\.ts$/, ""));
  return { names: { apiKeys, sqlNames, schemaExports, files: [...new Set(files)] }, targets };
}
