/** The e2e server's database, so a spec can check what a browser action wrote. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createDatabase } from "../../db/client";

// Beside the run's other output (playwright.config.ts): E2E_OUT moves both.
const STATE_FILE = path.resolve(
  import.meta.dirname,
  "..",
  "..",
  process.env.E2E_OUT ?? "test-results",
  ".e2e-state.json",
);

export function e2eDatabaseUrl(): string {
  const { dataDir } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { dataDir: string };
  return (JSON.parse(readFileSync(path.join(dataDir, "server.json"), "utf8")) as { url: string }).url;
}

/** A small pool on the e2e database; close it in afterAll. */
export function connectE2eDatabase() {
  return createDatabase(e2eDatabaseUrl(), { max: 2 });
}
