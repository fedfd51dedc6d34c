import { describe, expect, it } from "vitest";
import { ESTIMATE_TTL_MS, recall, remember } from "./estimate-memo";

describe("the estimate memo", () => {
  it("forgets after ESTIMATE_TTL_MS, keeps the larger count vouched for, and holds at most 1,000 queries", () => {
    const db = {};
    remember(db, "q", 50_000, 10_001, 0);
    expect(recall(db, "q", ESTIMATE_TTL_MS - 1)).toMatchObject({ estimate: 50_000, atLeast: 10_001 });
    expect(recall(db, "q", ESTIMATE_TTL_MS)).toBeUndefined();
    // A plain estimate of the same query does not unlearn that it was counted past its cap.
    remember(db, "q", 48_000, 0, 1);
    expect(recall(db, "q", 2)).toMatchObject({ estimate: 48_000, atLeast: 10_001 });
    expect(recall({}, "q", 2)).toBeUndefined();
    for (let i = 0; i < 1_000; i++) remember(db, `k${i}`, i, 0, 3);
    expect(recall(db, "q", 4)).toBeUndefined();
    expect(recall(db, "k0", 4)).toMatchObject({ estimate: 0 });
    expect(recall(db, "k999", 4)).toMatchObject({ estimate: 999 });
  });
});
