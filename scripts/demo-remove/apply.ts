/**
 * Applies the demo manifest to a project: plans every deletion, replacement and edit first (an edit whose text is
 * not found exactly once fails the plan, naming the file), and only then touches the disk.
 */
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DemoManifest } from "../demo-manifest";

export interface RemovalPlan {
  /** Paths (relative) that exist and will be deleted. */
  remove: string[];
  /** Listed paths that are already gone. */
  missing: string[];
  /** New content per file (relative path), for replaced and edited files. */
  writes: Map<string, string>;
}

export class ManifestError extends Error {}

export async function planRemoval(root: string, manifest: DemoManifest): Promise<RemovalPlan> {
  const remove = manifest.remove.filter((p) => existsSync(path.join(root, p)));
  const missing = manifest.remove.filter((p) => !existsSync(path.join(root, p)));
  const writes = new Map<string, string>();
  for (const { file, with: source } of manifest.replace) {
    if (!existsSync(path.join(root, source))) throw new ManifestError(`${source} (the new ${file}) is missing`);
    writes.set(file, await readFile(path.join(root, source), "utf8"));
  }
  for (const edit of manifest.edits) {
    const current = writes.get(edit.file) ?? (await readFile(path.join(root, edit.file), "utf8").catch(() => null));
    if (current === null) throw new ManifestError(`${edit.file}: the file to edit is missing`);
    const count = current.split(edit.find).length - 1;
    if (count !== 1) {
      throw new ManifestError(
        `${edit.file}: expected the text below once, found it ${count} times; update scripts/demo-manifest.ts\n${edit.find}`,
      );
    }
    writes.set(
      edit.file,
      current.replace(edit.find, () => edit.replace),
    );
  }
  for (const file of writes.keys()) {
    if (remove.some((p) => file === p || file.startsWith(`${p}/`))) {
      throw new ManifestError(`${file} is both removed and edited`);
    }
  }
  return { remove, missing, writes };
}

export async function applyRemoval(root: string, plan: RemovalPlan): Promise<void> {
  for (const [file, content] of plan.writes) await writeFile(path.join(root, file), content);
  for (const p of plan.remove) await rm(path.join(root, p), { recursive: true, force: true });
}
