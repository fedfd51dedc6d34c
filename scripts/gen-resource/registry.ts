/**
 * The one-line edits that register a generated resource: its export in db/schema/index.ts and its entry (import plus
 * registry key) in server/resources/index.ts. Pure string edits that keep the lists sorted; they refuse, naming the
 * file, when the file no longer has the shape they expect, so nothing is half-written.
 */
import type { ResourceNames } from "./names";

export class RegistryShapeError extends Error {}

/** Inserts `line` among the consecutive lines matching `pattern`, in sorted order. */
function insertSorted(text: string, pattern: RegExp, line: string, file: string): string {
  const lines = text.split("\n");
  const matching = lines.flatMap((l, i) => (pattern.test(l) ? [i] : []));
  const first = matching[0];
  const last = matching[matching.length - 1];
  if (first === undefined || last === undefined) {
    throw new RegistryShapeError(`${file}: found no line like ${pattern}; add \`${line}\` by hand`);
  }
  if (lines.includes(line)) throw new RegistryShapeError(`${file} already has \`${line}\``);
  // Ordered by module path, as Biome's organizeImports orders them.
  const source = (l: string) => /"([^"]+)";$/.exec(l)?.[1] ?? l;
  const before = matching.find((i) => source(lines[i] ?? "") > source(line));
  lines.splice(before ?? last + 1, 0, line);
  return lines.join("\n");
}

export function addSchemaExport(source: string, names: ResourceNames): string {
  return insertSorted(
    source,
    /^export \* from "\.\/[\w-]+";$/,
    `export * from "./${names.file}";`,
    "db/schema/index.ts",
  );
}

/** Adds the import and the `key: keyResource,` entry at the end of `export const resources = { ... };`. */
export function addRegistryEntry(source: string, names: ResourceNames): string {
  const file = "server/resources/index.ts";
  const withImport = insertSorted(
    source,
    /^import \{ \w+ \} from "\.\/[\w-]+";$/,
    `import { ${names.resourceConst} } from "./${names.file}";`,
    file,
  );
  const block = /^export const resources = \{\n([\s\S]*?)^\};$/m.exec(withImport);
  if (!block || block.index === undefined) {
    throw new RegistryShapeError(`${file}: found no \`export const resources = {\` ... \`};\`; add the entry by hand`);
  }
  const body = block[1] ?? "";
  if (new RegExp(`^\\s*${names.key}\\s*:`, "m").test(body)) {
    throw new RegistryShapeError(`${file} already registers "${names.key}"`);
  }
  // The last entry may lack its trailing comma.
  const trimmed = body.replace(/\s*$/, "");
  const separated = trimmed === "" || trimmed.endsWith(",") ? trimmed : `${trimmed},`;
  const entry = `  ${names.key}: ${names.resourceConst},`;
  const newBody = `${separated === "" ? "" : `${separated}\n`}${entry}\n`;
  const start = block.index + "export const resources = {\n".length;
  return withImport.slice(0, start) + newBody + withImport.slice(start + body.length);
}
