/** Start-up checks of a Node server process, run from instrumentation.ts before the first request. */
import { EnvError, env } from "@/env";
import type { AnyResource } from "@/server/core";
import { checkRegistry, DefinitionError } from "@/server/core/definition-checks";
import { logger } from "@/server/core/logging/logger";

/** A production server with missing or default secrets exits at start-up, naming the variable. */
export function assertEnvironmentOrExit(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      logger("boot").fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * The problems of the app's resource definitions, one line each; none when they are sound. `load` imports the
 * registry: a definition that contradicts its table throws while it is imported (defineResource), the relations
 * between definitions are checked once all are loaded.
 */
export async function loadDefinitionProblems(load: () => Promise<Record<string, AnyResource>>): Promise<string[]> {
  try {
    checkRegistry(await load());
    return [];
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
}

export function describeDefinitionProblems(problems: string[]): string {
  const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
  return [
    `[atrium] The resource definitions (server/resources) have ${count}:`,
    ...problems.map((p) => `  - ${p}`),
  ].join("\n");
}

const loadAppResources = async (): Promise<Record<string, AnyResource>> =>
  (await import("@/server/resources")).resources;

/**
 * Loads the resource definitions at start, so a wrong one is reported now, naming the resource and the key, instead
 * of failing every API call later. Production exits; development keeps serving, so that fixing the file (picked up
 * by Fast Refresh) is enough, and API calls fail with the same message until then.
 */
export async function assertDefinitionsOrExit(production: boolean, load = loadAppResources): Promise<void> {
  const problems = await loadDefinitionProblems(load);
  if (problems.length === 0) return;
  logger("boot").error({ problems }, describeDefinitionProblems(problems));
  if (production) process.exit(1);
}
