/**
 * The same matrix over the REST API: every case whose procedure REST serves, the same actors and the same outcomes
 * (REST runs the same procedures behind the same gate; docs/rest.md). Checks of what was read or written are the
 * same, on REST's plain JSON.
 */
import { describe, expect, it } from "vitest";
import { restRequestFor } from "@/server/http/rest/from-procedure";
import { resources } from "@/server/resources";
import { ACTORS, CASES, expected, fixture, restCall, STATUS } from "./authorization-matrix";

describe("authorization matrix over /api/v1 (REST)", () => {
  for (const c of CASES) {
    if (restRequestFor(c.path, {}, resources) === null) continue;
    const outcomes = expected(c.kind, c.outcomes);
    describe(c.name, () => {
      for (const actor of ACTORS) {
        const want = outcomes[actor];
        it(`${actor}: ${want}`, async () => {
          const f = await fixture();
          const res = await restCall(actor, c.path, c.input(f, actor));
          if (!res) throw new Error(`${c.path} has no REST request`);
          expect(res.status, res.error?.message).toBe(STATUS[want]);
          if (want !== "ok") {
            expect(res.data).toBeUndefined();
            expect(res.error?.message).toBeTruthy();
            if (want === 403 || want === 401) expect(res.error?.message).not.toMatch(/Owner (draft|published)/);
          }
          await c.verify(f, actor, want === "ok", res.data);
        });
      }
    });
  }
});
