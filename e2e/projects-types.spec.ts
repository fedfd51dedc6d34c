/**
 * The issue's `projects` resource on a real build and a real database, server side of the field types: the seeded
 * projects list in the admin; through the browser's own session, a negative budget and "12abc" are 400s naming the
 * budget (they were saved, or reported on "_form"), `contains` on the budget is a 400 (it was a 500), and a budget
 * range filter answers with the rows in range. Screenshots of the projects list and form for review.
 */
import { expect, type Page, test } from "@playwright/test";
import superjson from "superjson";
import { E2E_ADMIN } from "./support/credentials";
import { shoot } from "./support/screenshots";
import { signIn } from "./support/session";

/** Calls the API from the page, with its session cookie, as the app's own client would (superjson envelope). */
async function api(page: Page, kind: "query" | "mutation", path: string, input: unknown) {
  const body = JSON.stringify(superjson.serialize(input));
  const res =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(body)}`)
      : await page.request.post(`/api/trpc/${path}`, { data: body, headers: { "content-type": "application/json" } });
  const envelope = (await res.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } };
  };
  return {
    status: res.status(),
    data: envelope.result ? superjson.deserialize(envelope.result.data) : undefined,
    error: envelope.error?.json,
  };
}

test("projects: seeded list in the admin, and the budget refused, filtered and ranged by the server", async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/projects");
  await expect(page.getByText("Website relaunch").first()).toBeVisible();
  await shoot(page, "projects-list");

  for (const [budget, message] of [
    ["-5", "Budget must be at least 0"],
    ["12abc", "Budget must be a number"],
    ["1.234", "Budget must have at most 2 digits after the point"],
  ]) {
    const refused = await api(page, "mutation", "projects.create", { name: `Refused ${budget}`, budget });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.fieldErrors).toEqual({ budget: [message] });
  }
  const listed = await api(page, "query", "projects.list", { filter: { name: { startsWith: "Refused" } } });
  expect((listed.data as { items: unknown[] }).items).toHaveLength(0);

  const contains = await api(page, "query", "projects.list", { filter: { budget: { contains: "9" } } });
  expect(contains.status).toBe(400);

  const ranged = await api(page, "query", "projects.list", {
    filter: { budget: { gte: "1000", lt: "10000" } },
    sort: ["budget"],
  });
  expect(ranged.status).toBe(200);
  const items = (ranged.data as { items: { name: string; budget: string }[] }).items;
  expect(items.map((p) => [p.name, p.budget])).toEqual([["Database upgrade", "2999.99"]]);

  const created = await api(page, "mutation", "projects.create", {
    name: "Exact cents",
    budget: "0.10",
    tags: ["e2e"],
    dueDate: new Date(Date.UTC(2027, 0, 31)),
  });
  expect(created.status).toBe(200);
  expect(created.data).toMatchObject({ budget: "0.10", tags: ["e2e"], status: "planning" });

  await page.goto("/admin/projects/new");
  await expect(page.getByLabel("Budget")).toBeVisible();
  await shoot(page, "projects-new");
});
