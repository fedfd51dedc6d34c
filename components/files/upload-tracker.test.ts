import { describe, expect, it } from "vitest";
import { UploadTracker } from "./upload-tracker";

describe("UploadTracker", () => {
  it("answers at once when nothing is running", async () => {
    await expect(new UploadTracker().whenIdle()).resolves.toEqual({ failed: 0 });
  });

  it("waits for the uploads running when asked, and counts those that did not store their file", async () => {
    const tracker = new UploadTracker();
    tracker.start("a", "cover");
    tracker.start("b", "attachments");
    tracker.start("c", "attachments");
    expect(tracker.count()).toBe(3);
    expect(tracker.count("attachments")).toBe(2);
    expect(tracker.fields()).toEqual(["cover", "attachments"]);
    let settled: { failed: number } | undefined;
    void tracker.whenIdle().then((result) => {
      settled = result;
    });
    tracker.end("a", true);
    tracker.end("b", false);
    // One started after the question is not waited for.
    tracker.start("d", "cover");
    await Promise.resolve();
    expect(settled).toBeUndefined();
    tracker.end("c", true);
    await Promise.resolve();
    expect(settled).toEqual({ failed: 1 });
    expect(tracker.count()).toBe(1);
  });

  it("tells subscribers about every change and ignores unknown ends", () => {
    const tracker = new UploadTracker();
    let calls = 0;
    const stop = tracker.subscribe(() => calls++);
    tracker.start("a", "f");
    tracker.end("zzz", true);
    tracker.end("a", true);
    stop();
    tracker.start("b", "f");
    expect(calls).toBe(2);
  });
});
