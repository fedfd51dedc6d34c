/** Choosing files and slowing the upload down, as the file specs do it (local disk and uploadthing alike). */
import type { Locator, Page } from "@playwright/test";

/** Chooses files through the field's own button and the browser's file picker, as a person would. */
export async function choose(
  page: Page,
  button: Locator,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await button.click();
  await (await chooser).setFiles(files);
}

/** Slows the page's uplink with the browser's own throttling (the server untouched): uploads show their progress. */
export async function slowUplink(page: Page, bytesPerSecond = 1_500_000) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const set = (uploadThroughput: number) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
  await set(bytesPerSecond);
  return { restore: () => set(-1) };
}
