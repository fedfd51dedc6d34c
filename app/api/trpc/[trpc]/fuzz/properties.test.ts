import { describe, expect, it } from "vitest";
import { messageProblems, sentStrings } from "./properties";

describe("messageProblems", () => {
  it("lets through a number the caller sent back", () => {
    // CI's counterexample: posts.revert with entryId 22000 answered "version 22000 not found".
    expect(messageProblems("posts 3b77cd25-a5c4-4cc3-94b2-cb8da804c486 version 22000 not found", "x")).toEqual([]);
  });

  it("still catches PostgreSQL error codes", () => {
    for (const message of ["failed with 22P02", "XX000 internal", "error 23505", 'code: "23505"', "(SQLSTATE 23505)"])
      expect(messageProblems(message, "x"), message).not.toEqual([]);
  });

  it("lets through the caller's own words quoted back, and nothing else", () => {
    // CI's counterexample: posts.get with expand ["undefined"] answered with the relation name it was sent, quoted.
    const message = '"undefined": posts has no relation "undefined"';
    const sent = sentStrings({ id: "1e444bce-acd3-4110-b322-4c4def637b71", expand: ["undefined", "", "erat"] });
    expect(messageProblems(message, "x", sent)).toEqual([]);
    // Not sent, or sent but not quoted: still a leak.
    expect(messageProblems(message, "x")).not.toEqual([]);
    expect(messageProblems("posts has no relation undefined", "x", sent)).not.toEqual([]);
    expect(messageProblems('"postgres" refused', "x", sentStrings(["other"]))).not.toEqual([]);
  });
});
