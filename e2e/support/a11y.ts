/** An axe scan of the page as it is now: no serious or critical violation, each named with its nodes if there is. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectNoSeriousA11yViolations(page: Page, what: string) {
  // axe measures contrast as drawn: a transition still under way (a list coming back from dimmed, a toast fading in)
  // would be measured half done. Endless animations (spinners, skeleton pulses) are left to run.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
  const builder = new AxeBuilder({ page });
  // axe's frame-by-frame run (a partial run in each frame, merged in a blank page it opens and injects axe into
  // again) is what scans frames of any origin. A page without frames gets the same rules on the same document, with
  // the same results, from one axe.run in the page itself: about a second quicker per scan on a 2-core machine
  // (measured on /admin/posts, 2.7 s against 1.6 s, identical violations, passes and incomplete results).
  if (page.frames().length === 1) builder.setLegacyMode();
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    what,
  ).toEqual([]);
}
