/**
 * `npm test`: everything, in the order that fails fastest. Browser check, type check, lint, vitest (unit and
 * integration on a real PostgreSQL), production build, Playwright in Chromium. Ends with one line counting tests.
 *
 *   npm test -- --skip-e2e     everything but the build and the browser tests
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { uploadthingBuildEnv } from "../e2e/support/uploadthing";
import { findChromium, HOW_TO_INSTALL_CHROMIUM } from "./chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const steps: Step[] = [
  { name: "type check", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("biome"), args: ["check", "."] },
  {
    name: "unit + integration (vitest)",
    command: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(RESULTS, "vitest.json")}`],
  },
  ...(skipE2e
    ? []
    : [
        // The uploadthing spec's stand-in must be in the built CSP's connect-src (e2e/support/uploadthing.ts).
        { name: "production build", command: bin("next"), args: ["build"], env: uploadthingBuildEnv() },
        {
          name: "end-to-end (Playwright, Chromium)",
          command: bin("playwright"),
          args: ["test"],
          // The review screenshots are for people looking at a change, not checks: off here unless asked for
          // (E2E_SCREENSHOTS=1 npm test), which keeps the suite in its time budget (e2e/support/screenshots.ts).
          env: { E2E_SCREENSHOTS: process.env.E2E_SCREENSHOTS ?? "0" },
        },
      ]),
];

function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  const vitest = path.join(RESULTS, "vitest.json");
  if (existsSync(vitest)) {
    const r = JSON.parse(readFileSync(vitest, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
  const playwright = path.join(RESULTS, "playwright.json");
  if (existsSync(playwright)) {
    const r = JSON.parse(readFileSync(playwright, "utf8")) as { stats: { expected: number; unexpected: number } };
    passed += r.stats.expected;
    failed += r.stats.unexpected;
  }
  return { passed, failed };
}

if (!skipE2e && !findChromium()) {
  console.error(`\n${HOW_TO_INSTALL_CHROMIUM}\n`);
  process.exit(1);
}

rmSync(path.join(RESULTS, "vitest.json"), { force: true });
rmSync(path.join(RESULTS, "playwright.json"), { force: true });
mkdirSync(RESULTS, { recursive: true });

const started = Date.now();
const timings: string[] = [];
let failedStep: string | undefined;
for (const step of steps) {
  console.log(`\n\x1b[1m▶ ${step.name}\x1b[0m`);
  const t0 = Date.now();
  const result = spawnSync(step.command, step.args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  // A runner's exit code is not the only word: a failure its report counts fails the step even if the process
  // exited 0 (it once did, when a dependency's exit hook overwrote vitest's code: db/testing/global-setup.ts).
  const ok = result.status === 0 && counts().failed === 0;
  timings.push(`  ${ok ? "✓" : "✗"} ${step.name.padEnd(36)} ${seconds.padStart(6)} s`);
  if (!ok) {
    failedStep = step.name;
    break;
  }
}

console.log(`\n${timings.join("\n")}`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
const { passed, failed } = counts();
if (failedStep) console.error(`\n\x1b[31m✗ ${failedStep} failed\x1b[0m`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
