/**
 * Every field type's widget, read-only display, table cell and table filter on /dev/fields (a hand-written descriptor,
 * no database behind it), in Chromium against `next start`: an exact decimal grouped on blur and sent as text, a
 * bigint past 2^53 sent as a BigInt, tags added, pasted and removed by keyboard, a time of day, enum badges in their
 * colours (legible in light and dark), and filter chips that offer each type's operators and build typed filters.
 */
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { shoot } from "./support/screenshots";

const _SHOTS = path.join(process.env.E2E_OUT ?? "test-results", "screenshots");

async function open(page: Page) {
  await page.goto("/dev/fields");
  const form = page.getByRole("form", { name: "New sample" });
  await expect(form.getByLabel("Title")).toBeVisible();
  return form;
}

/** What the form would send for a field: "<type> <value as code>". */
async function sent(page: Page, name: string): Promise<string> {
  const values = page.getByRole("region", { name: "Values sent" });
  const value = values.locator(`[data-field="${name}"]`);
  await expect(value).toBeVisible();
  const type = await value.evaluate((el) => el.previousElementSibling?.textContent ?? "");
  return `${type} ${await value.textContent()}`;
}

async function paste(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((el, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("a decimal is typed exactly, grouped on blur and sent as the column's text", async ({ page }) => {
  const form = await open(page);
  const budget = form.getByLabel("Budget");
  await budget.fill("1234.5");
  await budget.press("Tab");
  await expect(budget).toHaveValue("1,234.50");
  await expect(budget).toHaveCSS("text-align", "right");

  // Back in the field: a third decimal place and a letter are refused, and the reason is said; deleting shows the
  // plain digits being edited.
  await budget.focus();
  await budget.press("End");
  await budget.pressSequentially("7");
  await expect(budget).toHaveValue("1,234.50");
  await expect(form.getByText("Budget must have at most 2 digits after the point")).toBeVisible();
  await budget.press("Backspace");
  await expect(budget).toHaveValue("1234.5");
  await budget.pressSequentially("0");
  await expect(budget).toHaveValue("1234.50");
  await budget.pressSequentially("7");
  await expect(form.getByText("Budget must have at most 2 digits after the point")).toBeVisible();
  await budget.pressSequentially("x");
  await expect(budget).toHaveValue("1234.50");
  await expect(form.getByText("Budget takes digits, one point and a minus sign")).toBeVisible();

  // Pasted as a person copies it from a spreadsheet: grouping separators are read as such.
  await budget.fill("9,999,999,999.99");
  await budget.press("Tab");
  await expect(budget).toHaveValue("9,999,999,999.99");
  await budget.fill("-5");
  await budget.press("Tab");
  await expect(form.getByText("Budget must be at least 0")).toBeVisible();
  // Tabbing in selects the grouped value, and typing replaces it.
  await budget.fill("1234.5");
  await budget.press("Tab");
  await form.getByLabel("Ratio").focus();
  await page.keyboard.press("Tab");
  await expect(budget).toBeFocused();
  await page.keyboard.type("77.1");
  await expect(budget).toHaveValue("77.1");
  await budget.fill("1234.5");
  await budget.press("Tab");

  await form.getByLabel("Title").fill("Desks");
  await form.getByRole("button", { name: "Check values" }).click();
  expect(await sent(page, "amount")).toBe('string "1234.50"');
});

test("a bigint past 2^53 stays exact; whole numbers and ranges are checked on blur", async ({ page }) => {
  const form = await open(page);
  const big = form.getByLabel("Big number");
  await big.fill("1.5");
  await big.press("Tab");
  await expect(form.getByText("Big number must be a whole number")).toBeVisible();
  await expect(big).toHaveAttribute("aria-invalid", "true");
  await big.fill("9007199254740993");
  await big.press("Tab");
  await expect(big).not.toHaveAttribute("aria-invalid");

  const small = form.getByLabel("Small");
  await small.fill("40000");
  await small.press("Tab");
  await expect(form.getByText("Small must be at most 32767")).toBeVisible();
  await small.fill("-7");

  await form.getByLabel("Title").fill("Big ones");
  await form.getByRole("button", { name: "Check values" }).click();
  expect(await sent(page, "big")).toBe("bigint 9007199254740993n");
  expect(await sent(page, "small")).toBe("number -7");
});

test("tags: Enter and comma add, a paste splits, duplicates are ignored, Backspace and buttons remove", async ({
  page,
}) => {
  const form = await open(page);
  const labels = form.getByRole("textbox", { name: "Labels" });
  const chips = form.getByRole("list", { name: "Labels" }).getByRole("listitem");
  await labels.fill("alpha");
  await labels.press("Enter");
  await labels.pressSequentially("beta,");
  await paste(labels, "gamma, delta\nalpha");
  await expect(chips).toHaveText(["alpha", "beta", "gamma", "delta"]);
  await expect(labels).toHaveValue("");

  await labels.press("Backspace");
  await expect(chips).toHaveText(["alpha", "beta", "gamma"]);
  await form.getByRole("button", { name: "Remove tag beta" }).click();
  await expect(chips).toHaveText(["alpha", "gamma"]);
  await expect(labels).toBeFocused();

  // An integer[] takes whole numbers only: a word stays in the input with the reason.
  const numbers = form.getByRole("textbox", { name: "Numbers" });
  await numbers.fill("x");
  await numbers.press("Enter");
  await expect(form.getByText("Each item of Numbers must be a whole number")).toBeVisible();
  await expect(numbers).toHaveValue("x");
  await numbers.fill("007");
  await numbers.press("Enter");
  await numbers.pressSequentially("42,7,");
  await expect(form.getByRole("list", { name: "Numbers" }).getByRole("listitem")).toHaveText(["7", "42"]);

  // An enum[] is a choice of its options.
  const moods = form.getByRole("group", { name: "Moods" });
  await moods.getByRole("checkbox", { name: "Happy" }).check();
  await moods.getByRole("checkbox", { name: "Sad" }).check();

  await form.getByLabel("Title").fill("Tagged");
  await form.getByRole("button", { name: "Check values" }).click();
  expect(await sent(page, "labels")).toBe('array ["alpha", "gamma"]');
  expect(await sent(page, "numbers")).toBe("array [7, 42]");
  expect(await sent(page, "moods")).toBe('array ["happy", "sad"]');
});

test("a time of day, a date and a timestamp are sent as their types", async ({ page }) => {
  const form = await open(page);
  const alarm = form.getByLabel("Alarm");
  await expect(alarm).toHaveAttribute("type", "time");
  await alarm.fill("14:30");
  await form.getByLabel("Day").fill("2026-03-01");
  await form.getByLabel("Title").fill("Timed");
  await form.getByRole("button", { name: "Check values" }).click();
  expect(await sent(page, "alarm")).toBe('string "14:30"');
  expect(await sent(page, "day")).toBe("Date Date(2026-03-01T00:00:00.000Z)");
  // The not-null enum starts on its default, with no empty choice beside it.
  await expect(form.getByLabel("Priority")).toHaveValue("normal");
  await expect(form.getByLabel("Priority").locator("option")).toHaveText(["Low", "Normal", "High", "Urgent"]);
  expect(await sent(page, "priority")).toBe('string "normal"');
  await form.getByLabel("Budget").fill("1234.5");
  await form.getByRole("textbox", { name: "Labels" }).fill("alpha, beta, gamma,");
  await form.getByRole("textbox", { name: "Numbers" }).fill("7, 42, x");
  await form.getByLabel("Big number").fill("9007199254740993");
  await form.getByLabel("Title").focus();
  await shoot(page, "field-types-form", { scrollTo: form.getByLabel("Big number") });
  await shoot(page, "field-types-form-tags", { scrollTo: form.getByLabel("Priority") });
});

/** WCAG contrast of an element's text against what shows behind it (translucent backgrounds composited). */
async function contrastOf(badge: Locator): Promise<number> {
  return badge.evaluate((el) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
    const rgba = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255] as const;
    };
    // Background: this element's over its ancestors', until an opaque one.
    const layers: (readonly [number, number, number, number])[] = [];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const layer = rgba(getComputedStyle(node).backgroundColor);
      if (layer[3] > 0) layers.push(layer);
      if (layer[3] >= 1) break;
    }
    let [r, g, b] = [255, 255, 255];
    for (const [lr, lg, lb, la] of layers.reverse()) {
      [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
    }
    const [tr, tg, tb] = rgba(getComputedStyle(el).color);
    const lum = (c: number[]) => {
      const [x, y, z] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * x + 0.7152 * y + 0.0722 * z;
    };
    const [hi, lo] = [lum([tr, tg, tb]), lum([r, g, b])].sort((p, q) => q - p) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  });
}

test("cells: exact decimals and bigints right-aligned, times, chips with +n, JSON previews, enum colours", async ({
  page,
}) => {
  await open(page);
  const table = page.getByRole("table", { name: "Samples" });
  const cell = (row: number, column: string) => table.locator("tbody tr").nth(row).locator(`[data-column="${column}"]`);
  await expect(cell(0, "amount")).toHaveText("1,234.50");
  await expect(cell(2, "amount")).toHaveText("9,999,999,999.99");
  await expect(cell(1, "amount")).toHaveText("-0.05");
  await expect(cell(0, "big")).toHaveText("9,007,199,254,740,993");
  await expect(cell(2, "big")).toHaveText("9,223,372,036,854,775,807");
  await expect(cell(0, "amount").locator("span")).toHaveCSS("text-align", "right");
  await expect(cell(0, "alarm")).toHaveText("8:30 AM");
  await expect(cell(0, "day")).toHaveText("Mar 1, 2026");
  await expect(cell(0, "labels").locator("[data-slot=badge]")).toHaveText(["furniture", "office", "q1"]);
  await expect(cell(0, "labels")).toContainText("+2");
  await expect(cell(0, "payload").locator("code")).toHaveAttribute("title", /"vendor": "Acme"/);

  // Enum values read as in the form ("Urgent"), with the stored value only in the API and the URL.
  const urgent = cell(0, "priority").getByText("Urgent", { exact: true });
  const low = cell(1, "priority").getByText("Low", { exact: true });
  await expect(urgent).toHaveAttribute("data-tone", "red");
  await expect(low).toHaveAttribute("data-tone", "gray");
  await expect(cell(0, "moods").getByText("happy")).toHaveAttribute("data-tone", "green");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const [urgentBg, lowBg] = await Promise.all(
      [urgent, low].map((b) => b.evaluate((el) => getComputedStyle(el).backgroundColor)),
    );
    expect(urgentBg, scheme).not.toBe(lowBg);
    for (const badge of [urgent, low, cell(2, "priority").getByText("high"), cell(0, "moods").getByText("happy")]) {
      expect(await contrastOf(badge), `${scheme} ${await badge.textContent()}`).toBeGreaterThanOrEqual(4.5);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });

  // Read-only: the same formats.
  const readOnly = page.getByRole("region", { name: "Read-only fields" });
  await expect(readOnly.getByLabel("Budget")).toHaveValue("1,234.50");
  await expect(readOnly.getByLabel("Big number")).toHaveValue("9,007,199,254,740,993");
  await expect(readOnly.getByLabel("Labels")).toHaveValue("furniture, office, q1, approved, eu");

  await shoot(page, "field-types-table", { scrollTo: page.getByRole("heading", { name: "Table cells and filters" }) });
  await shoot(page, "field-types-table-badges", { scrollTo: table.getByRole("columnheader", { name: "Priority" }) });
  await expectNoSeriousA11yViolations(page, "/dev/fields");
});

test("filter chips offer each type's operators and build typed filters", async ({ page }) => {
  await open(page);
  const chips = page.getByRole("group", { name: "Samples filters" });
  const apiFilter = page.getByTestId("api-filter");

  // A decimal: a range, never "contains"; typed as a person writes it, sent as exact text.
  await chips.getByRole("button", { name: "Filter by Budget" }).click();
  let dialog = page.getByRole("dialog", { name: "Filter by Budget" });
  await expect(dialog.getByText(/contains/i)).toHaveCount(0);
  await dialog.getByLabel("Min").fill("1,234.5");
  await dialog.getByLabel("Max").fill("12abc");
  await expect(dialog.getByText("Budget must be a number, like 1234.50")).toBeVisible();
  await expect(chips.getByRole("button", { name: "Filter by Budget: from 1,234.50" })).toBeVisible();
  await expect(apiFilter).toContainText('gte: "1234.5"');
  await expect(apiFilter).not.toContainText("lte");
  await shoot(page, "field-types-filter-decimal", { scrollTo: chips });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A bigint: exact past 2^53.
  await chips.getByRole("button", { name: "Filter by Big number" }).click();
  dialog = page.getByRole("dialog", { name: "Filter by Big number" });
  await dialog.getByLabel("Max").fill("9007199254740993");
  await expect(apiFilter).toContainText("lte: 9007199254740993n");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A time of day: a range of times.
  await chips.getByRole("button", { name: "Filter by Alarm" }).click();
  dialog = page.getByRole("dialog", { name: "Filter by Alarm" });
  await expect(dialog.getByLabel("From")).toHaveAttribute("type", "time");
  await dialog.getByLabel("From").fill("08:00");
  await expect(apiFilter).toContainText('gte: "08:00"');
  await expect(chips.getByRole("button", { name: "Filter by Alarm: from 8:00 AM" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Each popover is awaited gone before the next opens: closing one returns focus to its trigger a moment later,
  // and a popover opened within that moment lost focus to it and closed (Radix dismisses on focus outside).
  // Arrays: "has" one item, of the array's kind.
  await chips.getByRole("button", { name: "Filter by Numbers" }).click();
  dialog = page.getByRole("dialog", { name: "Filter by Numbers" });
  await dialog.getByLabel("Numbers include").fill("x");
  await expect(dialog.getByText("Each item of Numbers must be a whole number")).toBeVisible();
  await dialog.getByLabel("Numbers include").fill("42");
  await expect(apiFilter).toContainText("has: 42");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await chips.getByRole("button", { name: "Filter by Moods" }).click();
  await page.getByRole("dialog", { name: "Filter by Moods" }).getByRole("radio", { name: "happy" }).check();
  await expect(apiFilter).toContainText('has: "happy"');
  await expect(chips.getByRole("button", { name: "Filter by Moods: has Happy", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // An integer: whole numbers in the column's range.
  await chips.getByRole("button", { name: "Filter by Small" }).click();
  dialog = page.getByRole("dialog", { name: "Filter by Small" });
  await dialog.getByLabel("Min").fill("40000");
  await expect(dialog.getByText("Small must be at most 32767")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(apiFilter).not.toContainText("small");
});
