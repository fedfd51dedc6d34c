/**
 * `npm run demo:remove [-- --yes]`: turns the template into the start of your own app. Deletes the demo blog (posts,
 * comments, tags, announcements, projects: tables, definitions, pages, components, seed data, benchmarks, and the
 * tests and browser specs that run on them) as listed in scripts/demo-manifest.ts, edits the few shared files that
 * name it, and replaces the migration history with one fresh migration of what is left. Users, sign-in, API tokens,
 * the admin and the engine stay. Refuses on a dirty git tree; asks before it starts.
 */
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { demoManifest } from "./demo-manifest";
import { applyRemoval, ManifestError, planRemoval } from "./demo-remove/apply";
import { decide, gitState } from "./demo-remove/guard";
import { squashMigrations } from "./demo-remove/squash";

const ROOT = path.resolve(import.meta.dirname, "..");

const say = (message: string) => console.log(`\x1b[36m[demo:remove]\x1b[0m ${message}`);
const fail = (message: string): never => {
  console.error(`\x1b[31m[demo:remove]\x1b[0m ${message}`);
  process.exit(1);
};

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { yes: { type: "boolean", short: "y" } } });
  // `npm run demo:remove --yes` (without --) hands the flag to npm, which passes it on as npm_config_yes.
  const yes = values.yes ?? process.env.npm_config_yes === "true";

  let plan: Awaited<ReturnType<typeof planRemoval>>;
  try {
    plan = await planRemoval(ROOT, demoManifest);
  } catch (error) {
    if (error instanceof ManifestError) return fail(`${error.message}\nNothing was changed.`);
    throw error;
  }
  if (plan.remove.length === 0 && plan.writes.size === 0) return say("The demo is already gone; nothing to do.");

  const decision = decide(gitState(ROOT), yes, process.stdin.isTTY === true);
  if (typeof decision === "object") return fail(decision.refuse);
  const summary = `${plan.remove.length} files and folders to delete, ${plan.writes.size} files to rewrite, and the migrations to squash into one`;
  if (decision === "ask" && !(await confirm(`${summary}.\nType yes to remove the demo: `))) {
    return fail("Stopped; nothing was changed.");
  }

  await applyRemoval(ROOT, plan);
  say(`deleted ${plan.remove.length} files and folders, rewrote ${[...plan.writes.keys()].join(", ")}`);
  const squash = await squashMigrations(ROOT, demoManifest.sqlNames);
  say(
    `migrations replaced by ${squash.migration}, with ${squash.carried.length} hand-written statement(s) carried over` +
      (squash.dropped.length > 0 ? ` and ${squash.dropped.length} about the demo's tables dropped` : ""),
  );
  console.log(`
Next:
  1. Your development database still holds the demo and the old migrations: delete it (rm -rf .data, or
     ATRIUM_DATA_DIR) and npm run dev creates a fresh one. Any other database: start from an empty one.
  2. Name the app: atrium.config.ts (name, description, logo in public/, accent colour).
  3. Add your first resource: npm run gen:resource -- <name> --fields "name:text ..."
  4. npm test
  See docs/starting-your-app.md.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
