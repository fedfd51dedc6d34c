/**
 * `npm test`: everything, in two phases that fail fast. First the browser check, then the type check, lint and the
 * production build side by side; then vitest (unit and integration on a real PostgreSQL) and Playwright in Chromium
 * side by side. Ends with one line counting tests.
 *
 * Why side by side: Playwright, the longest step, uses about 0.4 of a core (it waits on the page), and each runner has
 * a database of its own (vitest's embedded cluster, the e2e server's). One after the other the steps took 924 to
 * 1,052 s on a 2-core machine, over the 15-minute budget; side by side 787 to 985 s, 910 s on average (decision 028).
 *
 *   npm test -- --skip-e2e     everything but the build and the browser tests
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { uploadthingBuildEnv } from "../e2e/support/uploadthing";
import { findChromium, HOW_TO_INSTALL_CHROMIUM } from "./chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

interface Step {
  name: string;
  /** Prefixed to each line of its output while it shares the terminal with another step. */
  tag: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Where the runner writes its JSON report, how to count it, and which of its tests failed. */
  report?: { file: string; count: (json: never) => Counts; failures: (json: never) => string[] };
}

interface Counts {
  passed: number;
  failed: number;
}

/** The parts of vitest's JSON report read here. */
interface VitestReport {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/** The parts of Playwright's JSON report read here. */
interface PlaywrightSuite {
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    file?: string;
    line: number;
    tests: { results: { status: string; error?: { message?: string } }[] }[];
  }[];
}
interface PlaywrightReport {
  suites: PlaywrightSuite[];
  errors?: { message?: string }[];
}

/** A failure's first line without colour codes, kept short: the runners' own output above has the rest. */
function firstLine(message: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes the runners put in messages
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim();
  const line = plain.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const typeCheck: Step = { name: "type check", tag: "tsc", command: bin("tsc"), args: ["--noEmit"] };
const lint: Step = { name: "lint", tag: "lint", command: bin("biome"), args: ["check", "."] };
const vitest: Step = {
  name: "unit + integration (vitest)",
  tag: "vitest",
  command: bin("vitest"),
  args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(RESULTS, "vitest.json")}`],
  report: {
    file: path.join(RESULTS, "vitest.json"),
    count: (r: { numPassedTests: number; numFailedTests: number }) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests,
    }),
    failures: (r: VitestReport) =>
      r.testResults.flatMap((file) => {
        const where = path.relative(ROOT, file.name);
        const tests = file.assertionResults
          .filter((t) => t.status === "failed")
          .map((t) => `${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
        // A file that failed outside its tests (a hook, an import) has no failed test to name.
        return tests.length > 0 || file.status !== "failed" ? tests : [`${where}: ${firstLine(file.message)}`];
      }),
  },
};
// The uploadthing spec's stand-in must be in the built CSP's connect-src (e2e/support/uploadthing.ts).
const build: Step = {
  name: "production build",
  tag: "build",
  command: bin("next"),
  args: ["build"],
  env: uploadthingBuildEnv(),
};
const playwright: Step = {
  name: "end-to-end (Playwright, Chromium)",
  tag: "e2e",
  command: bin("playwright"),
  args: ["test"],
  // The review screenshots are for people looking at a change, not checks: off here unless asked for
  // (E2E_SCREENSHOTS=1 npm test), which keeps the suite in its time budget (e2e/support/screenshots.ts).
  env: { E2E_SCREENSHOTS: process.env.E2E_SCREENSHOTS ?? "0" },
  // Its path is set in playwright.config.ts.
  report: {
    file: path.join(RESULTS, "playwright.json"),
    count: (r: { stats: { expected: number; unexpected: number } }) => ({
      passed: r.stats.expected,
      failed: r.stats.unexpected,
    }),
    failures: (r: PlaywrightReport) => {
      const failed: string[] = [];
      const walk = (suite: PlaywrightSuite, file: string) => {
        for (const child of suite.suites ?? []) walk(child, child.file ?? file);
        for (const spec of suite.specs ?? []) {
          for (const t of spec.tests) {
            const last = t.results.at(-1);
            if (last && last.status !== "passed" && last.status !== "skipped") {
              failed.push(`e2e/${spec.file ?? file}:${spec.line} › ${spec.title}: ${firstLine(last.error?.message)}`);
            }
          }
        }
      };
      for (const suite of r.suites) walk(suite, suite.file ?? "");
      // Errors outside any test (the web server did not start, a global hook threw).
      for (const error of r.errors ?? []) failed.push(`e2e: ${firstLine(error.message)}`);
      return failed;
    },
  },
};

/** Each phase's steps run at once; a phase starts only when the one before it passed. */
const phases: Step[][] = skipE2e
  ? [[typeCheck, lint], [vitest]]
  : [
      [typeCheck, lint, build],
      [vitest, playwright],
    ];

/** A runner's JSON report, read after the run; undefined for steps without one or a run that wrote none. */
function reportOf(step: Step): never | undefined {
  if (!step.report || !existsSync(step.report.file)) return undefined;
  return JSON.parse(readFileSync(step.report.file, "utf8")) as never;
}

/** What a runner's own report counts (nothing for steps without one). */
function reported(step: Step): Counts {
  const report = reportOf(step);
  return report === undefined || !step.report ? { passed: 0, failed: 0 } : step.report.count(report);
}

/** Which tests a runner's report says failed, one line each; an unreadable report names none. */
function failuresOf(step: Step): string[] {
  try {
    const report = reportOf(step);
    return report === undefined || !step.report ? [] : step.report.failures(report);
  } catch {
    return [];
  }
}

if (!skipE2e && !findChromium()) {
  console.error(`\n${HOW_TO_INSTALL_CHROMIUM}\n`);
  process.exit(1);
}

for (const step of [vitest, playwright]) if (step.report) rmSync(step.report.file, { force: true });
mkdirSync(RESULTS, { recursive: true });

const started = Date.now();
const timings: string[] = [];
const failedSteps: string[] = [];

/** Runs one step, its output as is when alone, else each line tagged with its step. Resolves to its exit code. */
function run(step: Step, alone: boolean): Promise<number | null> {
  const child = spawn(step.command, step.args, {
    cwd: ROOT,
    stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  if (!alone) {
    const tag = `[${step.tag}]`.padEnd(9);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on("line", (line) => console.log(`${tag}${line}`));
    }
  }
  return new Promise((resolve) => {
    child.on("error", () => resolve(null));
    child.on("close", (code) => resolve(code));
  });
}

for (const phase of phases) {
  console.log(`\n\x1b[1m▶ ${phase.map((step) => step.name).join(" + ")}\x1b[0m`);
  const t0 = Date.now();
  const codes = await Promise.all(
    phase.map(async (step) => {
      const code = await run(step, phase.length === 1);
      return { step, code, seconds: ((Date.now() - t0) / 1000).toFixed(1) };
    }),
  );
  for (const { step, code, seconds } of codes) {
    // A runner's exit code is not the only word: a failure its report counts fails the step even if the process
    // exited 0 (it once did, when a dependency's exit hook overwrote vitest's code: db/testing/global-setup.ts).
    const ok = code === 0 && reported(step).failed === 0;
    timings.push(`  ${ok ? "✓" : "✗"} ${step.name.padEnd(36)} ${seconds.padStart(6)} s`);
    if (!ok) failedSteps.push(step.name);
  }
  if (failedSteps.length > 0) break;
}

console.log(`\n${timings.join("\n")}`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
const counts = [vitest, playwright].map(reported);
const passed = counts.reduce((sum, c) => sum + c.passed, 0);
const failed = counts.reduce((sum, c) => sum + c.failed, 0);
for (const name of failedSteps) console.error(`\n\x1b[31m✗ ${name} failed\x1b[0m`);
// Both runners' failures together at the very end: with two runners sharing the terminal, vitest's own summary can
// be thousands of lines above the end, out of reach of whoever reads only the tail (a CI log, a scrolled terminal).
const failures = [vitest, playwright].flatMap(failuresOf);
const SHOWN_FAILURES = 40;
if (failures.length > 0) {
  const shown = failures.slice(0, SHOWN_FAILURES).map((line) => `  ✗ ${line}`);
  if (failures.length > SHOWN_FAILURES) shown.push(`  … and ${failures.length - SHOWN_FAILURES} more`);
  console.error(`\nfailed:\n${shown.join("\n")}`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
