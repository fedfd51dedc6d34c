/**
 * What broke: a server render's prefetch that was refused in-process (a TRPCError: no HTTP status) was retried like
 * a network failure, three times with backoff, and held the page for 7 s (a blocked user's home page, e2e/auth.spec).
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { makeQueryClient } from "./query-client";

function refusedQuery() {
  const state = { calls: 0 };
  const queryFn = async () => {
    state.calls++;
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This account is blocked." });
  };
  return { state, options: { queryKey: ["refused"], queryFn } };
}

describe("makeQueryClient", () => {
  it("on the server, a failed prefetch is asked once and left for the browser", async () => {
    const { state, options } = refusedQuery();
    const client = makeQueryClient({ server: true });
    await client.prefetchQuery(options);
    expect(state.calls).toBe(1);
    expect(client.getQueryState(options.queryKey)?.status).toBe("error");
  });

  it("in the browser, the same failure is retried under retry.ts's rules (no HTTP status: maybe the network)", async () => {
    const { state, options } = refusedQuery();
    const client = makeQueryClient();
    // No backoff wait in the test: the delay is the only thing replaced.
    await client.prefetchQuery({ ...options, retryDelay: 0 });
    expect(state.calls).toBe(4);
  });
});
