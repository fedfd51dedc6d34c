/** Label values stay within their closed sets whatever a client sends: the number of series is bounded. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ROUTES, OTHER_ROUTE, procedureLabel, RouteLabels, statusLabel, UNKNOWN_PROCEDURE } from "./labels";

const KNOWN = new Set(["posts.list", "posts.get", "users.update"]);

describe("metric labels", () => {
  it("names a procedure only when the router has it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 300 })), (name) => {
        const label = procedureLabel(name, KNOWN);
        expect(label === UNKNOWN_PROCEDURE || KNOWN.has(label)).toBe(true);
        if (KNOWN.has(name)) expect(label).toBe(name);
      }),
    );
  });

  it("gives a status from 100 to 599 as itself and anything else as `other`", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000, max: 10_000 }), fc.double()), (status) => {
        const label = statusLabel(status);
        if (Number.isInteger(status) && status >= 100 && status <= 599) expect(label).toBe(String(status));
        else expect(label).toBe("other");
      }),
    );
  });

  it("keeps at most MAX_ROUTES routes, then collapses the rest (and anything not shaped like a route) to `other`", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 50 }), fc.webPath()), { maxLength: 300 }), (routes) => {
        const labels = new RouteLabels();
        const seen = new Set(routes.map((r) => labels.of(r)));
        seen.delete(OTHER_ROUTE);
        expect(seen.size).toBeLessThanOrEqual(MAX_ROUTES);
        for (const label of seen) expect(label.startsWith("/")).toBe(true);
      }),
    );
    const labels = new RouteLabels(2);
    expect([
      labels.of("/api/trpc"),
      labels.of("/api/files/[...path]"),
      labels.of("/x"),
      labels.of("/api/trpc"),
    ]).toEqual(["/api/trpc", "/api/files/[...path]", OTHER_ROUTE, "/api/trpc"]);
    expect(labels.of('/a"b')).toBe(OTHER_ROUTE);
  });
});
