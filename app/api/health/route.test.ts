/**
 * /api/health against a database server of its own, which the test stops to prove the 503 path.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedServer, makeTempDir, startEmbeddedPostgres } from "@/db/embedded";

let server: EmbeddedServer;
let tmp: string;
let route: typeof import("./route");

beforeAll(async () => {
  tmp = await makeTempDir("atrium-health-");
  server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "health", ephemeral: true });
  process.env.DATABASE_URL = server.url;
  route = await import("./route");
});
afterAll(async () => {
  await server.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  it("is 200 with the database latency while the database runs", async () => {
    const res = await route.GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", db: { ok: true } });
    expect(typeof body.db.latencyMs).toBe("number");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is 503 (not a hang, not a 500) once the database is stopped", async () => {
    await server.stop();
    const res = await route.GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("unavailable");
    expect(body.db.ok).toBe(false);
    // The error names the failure kind but never the connection string.
    expect(JSON.stringify(body)).not.toContain(server.url);
  });
});
