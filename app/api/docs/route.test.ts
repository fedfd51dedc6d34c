/**
 * The docs page and its script, through their real route handlers: the page loads the document and the script from
 * this origin only (no URL of another host anywhere in it), and the script is the installed package's bundle, served
 * as JavaScript, immutable under its versioned URL and revalidated under any other. The browser's side (the page
 * renders, no request leaves the origin, no console error) is e2e/api-docs.spec.ts.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GET as page } from "./route";
import { GET as bundle } from "./scalar.js/route";
import { SCALAR_BUNDLE_FILE, scalarBundleUrl, scalarVersion } from "./scalar-bundle";

const ORIGIN = "http://localhost";

describe("GET /api/docs", () => {
  it("is an HTML page titled Atrium API that loads the document and the bundle from this origin", async () => {
    const response = await page(new Request(`${ORIGIN}/api/docs`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Atrium API</title>");
    expect(html).toContain('data-url="/api/openapi.json"');
    expect(html).toContain(`<script src="${scalarBundleUrl().replaceAll("&", "&amp;")}"></script>`);
    expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    // The configuration Scalar reads: nothing that would call another origin.
    const attribute = html.match(/data-configuration="([^"]*)"/)?.[1] ?? "";
    const configuration: unknown = JSON.parse(attribute.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    expect(configuration).toMatchObject({
      withDefaultFonts: false,
      agent: { disabled: true },
      telemetry: false,
      showDeveloperTools: "never",
    });
  });
});

describe("GET /api/docs/scalar.js", () => {
  it("streams the installed bundle as JavaScript, immutable under the installed version's URL", async () => {
    expect(scalarVersion()).toMatch(/^\d+\.\d+\.\d+/);
    const response = await bundle(new Request(`${ORIGIN}${scalarBundleUrl()}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.equals(await readFile(SCALAR_BUNDLE_FILE))).toBe(true);
  });

  it("is revalidated under any other URL, so no stale copy is kept under a versioned name", async () => {
    for (const url of ["/api/docs/scalar.js", "/api/docs/scalar.js?v=0.0.1"]) {
      const response = await bundle(new Request(`${ORIGIN}${url}`));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
      await response.body?.cancel();
    }
  });
});
