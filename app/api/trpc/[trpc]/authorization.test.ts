/**
 * The authorization matrix over /api/trpc (authorization-matrix.ts has the actors and cases): every resource x
 * operation x actor through the real tRPC HTTP route handler.
 */
import { describe, expect, it } from "vitest";
import { call, fixture, runMatrix, userIdOf } from "./authorization-matrix";

describe("authorization matrix over /api/trpc", () => {
  runMatrix(
    () => true,
    (actor, c, input) => call(actor, c.kind, c.path, input),
  );

  it("a refusal names the rule that refused", async () => {
    const f = await fixture();
    const res = await call("owner", "mutation", "posts.delete", { id: f.published });
    expect(res.status).toBe(403);
    expect(res.error?.message).toBe('posts.delete refused by rule "own drafts, or admins"');
    const noRule = await call("editor", "mutation", "tags.create", { name: "X", slug: "x" });
    expect(noRule.error?.message).toContain("admins only (no rule for this operation)");
  });

  it("a blocked user's session and an expired token say why they are refused", async () => {
    const blocked = await call("blocked", "query", "posts.list", {});
    expect(blocked.error?.message).toBe("This account is blocked.");
    expect((await call("staffWithout2fa", "query", "posts.list", {})).error?.message).toMatch(/two-factor/);
    expect((await call("secondFactorPending", "query", "posts.list", {})).error?.message).toMatch(/two-factor code/);
    expect((await call("revokedSession", "query", "posts.list", {})).error?.message).toBe(
      "This session has ended: sign in again.",
    );
    const unverified = await call("unverified", "mutation", "posts.create", {
      title: "Hi there",
      body: "A body long enough.",
    });
    expect(unverified.error?.message).toBe('posts.create refused by rule "users with a verified email address"');
    const expired = await call("expiredToken", "query", "posts.list", {});
    expect(expired.error?.message).toMatch(/expired/i);
  });

  it("a field rule refusal is reported on the field", async () => {
    const f = await fixture();
    const res = await call("owner", "mutation", "posts.update", {
      id: f.published,
      data: { authorId: userIdOf.other },
    });
    expect(res.status).toBe(403);
    expect(res.error?.data.fieldErrors).toEqual({ authorId: [expect.stringContaining('rule "admins only"')] });
  });
});
