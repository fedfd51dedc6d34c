/**
 * Whether `npm run demo:remove` may go ahead. It deletes a hundred files, so it wants a clean git tree (the way
 * back is `git checkout .`) and an explicit yes; outside git there is no way back, so only `--yes` will do.
 */
import { spawnSync } from "node:child_process";

export type GitState = { kind: "clean" } | { kind: "dirty"; paths: string[] } | { kind: "none" };

export function gitState(root: string): GitState {
  const result = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, encoding: "utf8" });
  if (result.error || result.status !== 0) return { kind: "none" };
  const paths = result.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.slice(3));
  return paths.length === 0 ? { kind: "clean" } : { kind: "dirty", paths };
}

/** "go", "ask" (a terminal may confirm) or the reason to refuse. */
export function decide(git: GitState, yes: boolean, interactive: boolean): "go" | "ask" | { refuse: string } {
  if (git.kind === "dirty") {
    const shown = git.paths.slice(0, 10).map((p) => `  ${p}`);
    if (git.paths.length > 10) shown.push(`  ... and ${git.paths.length - 10} more`);
    return {
      refuse: `The git tree has uncommitted changes; commit or stash them first, so this can be undone:\n${shown.join("\n")}`,
    };
  }
  if (yes) return "go";
  if (git.kind === "none") {
    return {
      refuse: "This is not a git checkout, so nothing could undo the removal. Run it again with --yes to go ahead.",
    };
  }
  return interactive ? "ask" : { refuse: "Run it again with --yes to go ahead (git checkout . undoes it)." };
}
