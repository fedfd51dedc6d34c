/**
 * What broke: every failed query was retried three times, so a 401/403/404 or a 400 took 7 s to show. Built from
 * the errors the tRPC client really produces (its own TRPCClientError from a wire error shape).
 */
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { shouldRetry } from "./retry";

/** A TRPCClientError as the client builds it from an error answer with this HTTP status. */
function answered(httpStatus: number) {
  return TRPCClientError.from({
    error: { message: "refused", code: -32600, data: { code: "BAD_REQUEST", httpStatus } },
  });
}

describe("shouldRetry", () => {
  it("never retries a refusal", () => {
    for (const status of [400, 401, 403, 404, 409, 413, 414, 422]) expect(shouldRetry(0, answered(status))).toBe(false);
  });

  it("retries what may pass on its own, at most three times", () => {
    for (const error of [answered(503), answered(500), answered(429), answered(408), new TypeError("fetch failed")]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(2, error)).toBe(true);
      expect(shouldRetry(3, error)).toBe(false);
    }
  });
});
