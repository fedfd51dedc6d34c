/**
 * `npm run bench:bundle` (after `npm run build`): the first-load JavaScript of `/`, a post page and `/admin/posts`, measured the way
 * a browser pays for it. Starts the production build on a throwaway embedded PostgreSQL (the e2e server), loads each
 * page in a fresh Chromium context (empty cache; /admin/posts signed in as the admin) and adds up every script
 * response: bytes on the wire (compressed) and bytes decoded. Next 16's build output no longer prints these sizes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { E2E_ADMIN } from "../e2e/support/credentials";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = 3490;
const BASE = `http://localhost:${PORT}`;

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not come up within 120 s");
}

async function measure(browser: Browser, url: string, signIn: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (signIn) {
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  }
  // The HTTP cache is cleared below, so the signed-in page is measured as a first visit too.
  const session = await context.newCDPSession(page);
  await session.send("Network.enable");
  await session.send("Network.clearBrowserCache");
  const scripts = new Map<string, { wire: number; decoded: number }>();
  const types = new Map<string, string>();
  session.on("Network.responseReceived", (e) => {
    if (e.type === "Script") types.set(e.requestId, e.response.url);
  });
  session.on("Network.loadingFinished", async (e) => {
    const url = types.get(e.requestId);
    if (!url) return;
    try {
      const body = await session.send("Network.getResponseBody", { requestId: e.requestId });
      const decoded = body.base64Encoded ? Buffer.from(body.body, "base64").length : Buffer.byteLength(body.body);
      scripts.set(url, { wire: e.encodedDataLength, decoded });
    } catch {
      scripts.set(url, { wire: e.encodedDataLength, decoded: 0 });
    }
  });
  await page.goto(`${BASE}${url}`, { waitUntil: "networkidle" });
  await new Promise((r) => setTimeout(r, 500));
  await context.close();
  const total = [...scripts.values()].reduce((a, s) => ({ wire: a.wire + s.wire, decoded: a.decoded + s.decoded }), {
    wire: 0,
    decoded: 0,
  });
  return { files: scripts.size, ...total };
}

let server: ChildProcess | undefined;
try {
  server = spawn(process.execPath, ["--import", "tsx", "e2e/support/server.ts", String(PORT)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForHealth(Date.now() + 120_000);
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (see npm test's message)");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `${"page".padEnd(14)}| ${"scripts".padStart(7)} | ${"on the wire".padStart(11)} | ${"decoded".padStart(9)}`,
  );
  console.log("-".repeat(50));
  // A post page: the first post the home page links to (the seed's slugs are the bench's business only here).
  const post = /href="(\/posts\/[^"/]+)"/.exec(await (await fetch(`${BASE}/`)).text())?.[1];
  if (!post) throw new Error("the home page links to no post");
  for (const [label, url, signIn] of [
    ["/", "/", false],
    ["/posts/<slug>", post, false],
    ["/admin/posts", "/admin/posts", true],
  ] as const) {
    const m = await measure(browser, url, signIn);
    console.log(
      `${label.padEnd(14)}| ${String(m.files).padStart(7)} | ${kb(m.wire).padStart(11)} | ${kb(m.decoded).padStart(9)}`,
    );
  }
  await browser.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (server?.pid) {
    process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => server?.once("exit", r));
  }
}
