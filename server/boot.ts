/** Start-up checks of a Node server process, run from instrumentation.ts before the first request. */
import { EnvError, env } from "@/env";

/** A production server with missing or default secrets exits at start-up, naming the variable. */
export function assertEnvironmentOrExit(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[atrium] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
