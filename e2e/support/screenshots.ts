/**
 * Screenshots of one moment at phone and desktop width, in light and dark, for reviewing what a change looks like.
 *
 * They are for people, not assertions: `npm test` turns them off (E2E_SCREENSHOTS=0, set by scripts/test.ts unless you
 * set it), which keeps the suite inside its time budget on a 2-core machine; `npx playwright test` and
 * `npm run test:e2e` take them, as does `E2E_SCREENSHOTS=1 npm test`.
 */
import path from "node:path";
import type { Locator, Page } from "@playwright/test";

const SHOTS = path.join(process.env.E2E_OUT ?? "test-results", "screenshots");

/** Whether this run takes the review screenshots. */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== "0";

const SIZES = [1280, 390] as const;

async function eachVariant(page: Page, take: (file: string) => Promise<unknown>, name: string) {
  if (!SCREENSHOTS) return;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of SIZES) {
      await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
      await take(`${SHOTS}/${name}-${width}-${scheme}.png`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * Writes `<name>-<width>-<scheme>.png` at 1280 and 390 px, light and dark; leaves the page light at 1280 px. With
 * `scrollTo`, that element is scrolled to the top of the view at each size (a part further down a long page).
 */
export async function shoot(page: Page, name: string, options: { scrollTo?: Locator } = {}) {
  const { scrollTo } = options;
  await eachVariant(
    page,
    async (file) => {
      if (scrollTo) await scrollTo.evaluate((el) => el.scrollIntoView({ block: "start", inline: "nearest" }));
      await page.screenshot({ path: file });
    },
    name,
  );
}

/**
 * One screenshot of the page (`fullPage` for all of it) or of an element as it is now, to `<name>.png` in the same
 * folder; like the others, only when this run takes screenshots.
 */
export async function snap(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  if (!SCREENSHOTS) return;
  const file = `${SHOTS}/${name}.png`;
  if ("goto" in target) await target.screenshot({ path: file, fullPage: options.fullPage });
  else await target.screenshot({ path: file });
}

/** The whole of one element (taller than a screen, say) at both widths and schemes. */
export async function shootElement(page: Page, element: Locator, name: string) {
  await eachVariant(page, (file) => element.screenshot({ path: file }), name);
}
