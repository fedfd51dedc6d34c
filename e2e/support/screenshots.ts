/** Screenshots of one moment at phone and desktop width, in light and dark, for reviewing what a change looks like. */
import path from "node:path";
import type { Page } from "@playwright/test";

const SHOTS = path.join(process.env.E2E_OUT ?? "test-results", "screenshots");

/** Writes `<name>-<width>-<scheme>.png` at 1280 and 390 px, light and dark; leaves the page light at 1280 px. */
export async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });
}
