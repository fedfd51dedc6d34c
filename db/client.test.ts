/**
 * `next start` loads db/client.ts once per layer (instrumentation, route handlers, server components), and the app's
 * pool is made by whichever copy asks first. Every copy must still find that pool's circuit breaker: the tRPC net
 * (server/trpc.ts) bounds each procedure with it. Two module instances stand in for two layers here.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

type ClientModule = typeof import("./client");
const opened: { close: () => Promise<void> }[] = [];

async function freshCopy(): Promise<ClientModule> {
  vi.resetModules();
  return import("./client");
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((handle) => handle.close()));
});

describe("availabilityOf across copies of db/client.ts", () => {
  it("finds the breaker of a pool another copy made", async () => {
    const instrumentation = await freshCopy();
    const route = await freshCopy();
    expect(route.availabilityOf).not.toBe(instrumentation.availabilityOf); // two module instances, as in a build
    // Never connects: postgres.js opens connections on the first query, and none is sent.
    const handle = instrumentation.createDatabase("postgres://nobody@127.0.0.1:9/none", { max: 1 });
    opened.push(handle);
    expect(route.availabilityOf(handle.db)).toBe(handle.availability);
    expect(instrumentation.availabilityOf(handle.db)).toBe(handle.availability);
    expect(route.availabilityOf({})).toBeUndefined();
  });
});
