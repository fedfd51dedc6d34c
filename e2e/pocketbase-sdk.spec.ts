/**
 * The unmodified `pocketbase` npm SDK as a real client of `next start` over HTTP (no browser): sign in with a
 * password, list with filter / sort / expand / fields, get, create, update, delete, realtime subscriptions to a
 * collection and to one record (a member's subscription never carries another member's draft), a transactional batch,
 * auth refresh, and errors surfaced as the SDK's ClientResponseError with PocketBase's status and data.
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { EventSource } from "eventsource";
import PocketBase, { type RecordModel } from "pocketbase";
import { users } from "../db/schema";
import { hashPassword } from "../server/auth/password";
import { refusal } from "../server/http/pocketbase/testing";
import { connectE2eDatabase } from "./support/db";

// The SDK's realtime service uses the global EventSource, which Node 20 does not have; the browser's is standard.
(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const PASSWORD = "pocketbase-sdk e2e passphrase 93d1";
const MEMBERS = [
  { name: "Pia PocketBase", email: "pia@pocketbase.e2e" },
  { name: "Quin PocketBase", email: "quin@pocketbase.e2e" },
] as const;

let database: ReturnType<typeof connectE2eDatabase>;
let baseURL: string;

test.beforeAll(async () => {
  baseURL = String(test.info().project.use.baseURL);
  database = connectE2eDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  for (const member of MEMBERS) {
    await database.db
      .insert(users)
      .values({ ...member, role: "member", passwordHash, emailVerifiedAt: new Date() })
      .onConflictDoNothing();
  }
});
test.afterAll(() => database.close());

async function signedIn(email: string): Promise<PocketBase> {
  const pb = new PocketBase(baseURL);
  pb.autoCancellation(false);
  await pb.collection("users").authWithPassword(email, PASSWORD);
  return pb;
}

/** Resolves with the first event `accept` takes, or fails after `ms`. */
function nextEvent<T>(events: T[], accept: (event: T) => boolean, ms = 10_000): Promise<T> {
  return expect
    .poll(() => events.find(accept), { timeout: ms })
    .toBeTruthy()
    .then(() => events.find(accept) as T);
}

test("signs in, refreshes, and runs CRUD with filter, sort, expand and fields", async () => {
  const pb = await signedIn(MEMBERS[0].email);
  expect(pb.authStore.isValid).toBe(true);
  expect(pb.authStore.record).toMatchObject({ email: MEMBERS[0].email, collectionName: "users" });

  const created = await pb.collection("posts").create({ title: "From the PocketBase SDK", body: "Over real HTTP." });
  expect(created).toMatchObject({ collectionName: "posts", status: "draft", title: "From the PocketBase SDK" });
  const viewed = await pb.collection("posts").getOne(created.id, { expand: "author" });
  expect(viewed.expand?.author).toMatchObject({ name: MEMBERS[0].name });

  const page = await pb.collection("posts").getList(1, 10, {
    filter: `title ~ 'PocketBase SDK' && created > '2020-01-01 00:00:00'`,
    sort: "-created,title",
    expand: "author",
    fields: "id,title,expand.author.name",
  });
  expect(page.items).toEqual([
    { id: created.id, title: "From the PocketBase SDK", expand: { author: { name: MEMBERS[0].name } } },
  ]);

  const updated = await pb.collection("posts").update(created.id, { title: "Changed by the PocketBase SDK" });
  expect(updated.title).toBe("Changed by the PocketBase SDK");

  const refreshed = await pb.collection("users").authRefresh();
  expect(refreshed.token).toBeTruthy();
  expect(refreshed.record.email).toBe(MEMBERS[0].email);

  await pb.collection("posts").delete(created.id);
  expect((await refusal(pb.collection("posts").getOne(created.id))).status).toBe(404);
});

test("errors come back as ClientResponseError with PocketBase's status and data", async () => {
  const wrong = await refusal(new PocketBase(baseURL).collection("users").authWithPassword(MEMBERS[0].email, "nope"));
  expect(wrong.status).toBe(400);
  const pb = await signedIn(MEMBERS[0].email);
  const invalid = await refusal(pb.collection("posts").create({ title: "x", body: "A body that is long enough." }));
  expect(invalid.status).toBe(400);
  expect(invalid.response.data).toHaveProperty("title.message");
  const badFilter = await refusal(pb.collection("posts").getList(1, 5, { filter: "title = (" }));
  expect(badFilter.status).toBe(400);
  expect(badFilter.response.data).toHaveProperty("filter");
  const signedOut = await refusal(
    new PocketBase(baseURL).collection("posts").create({ title: "Anonymous post", body: "Nobody signed in." }),
  );
  expect([401, 403]).toContain(signedOut.status);
  const unsupported = await refusal(pb.collections.getList());
  expect(unsupported.status).toBe(501);
});

test("realtime: a collection and a record subscription get their events, and never another member's draft", async () => {
  const pia = await signedIn(MEMBERS[0].email);
  const quin = await signedIn(MEMBERS[1].email);
  const all: { action: string; record: RecordModel }[] = [];
  const one: { action: string; record: RecordModel }[] = [];
  const mine = await pia.collection("posts").create({ title: "Pia's watched post", body: "Watched by its record." });
  const stopAll = await pia.collection("posts").subscribe("*", (e) => all.push(e));
  const stopOne = await pia.collection("posts").subscribe(mine.id, (e) => one.push(e));
  try {
    await quin.collection("posts").create({ title: "Quin's secret draft", body: "Pia must never see this." });
    await pia.collection("posts").update(mine.id, { title: "Pia's watched post, changed" });
    await nextEvent(one, (e) => e.action === "update" && e.record.id === mine.id);
    await nextEvent(all, (e) => e.action === "update" && e.record.title === "Pia's watched post, changed");
    expect(all.map((e) => e.record.title)).not.toContain("Quin's secret draft");
  } finally {
    await stopAll();
    await stopOne();
    pia.realtime.unsubscribe();
  }
});

test("a batch commits together, or not at all", async () => {
  const pb = await signedIn(MEMBERS[0].email);
  const batch = pb.createBatch();
  batch.collection("posts").create({ title: "Batch post one", body: "Created in a batch." });
  batch.collection("posts").create({ title: "Batch post two", body: "Created in a batch." });
  const results = await batch.send();
  expect(results.map((r) => r.status)).toEqual([200, 200]);

  const failing = pb.createBatch();
  failing.collection("posts").create({ title: "Batch post three", body: "Would be created." });
  failing.collection("posts").create({ title: "x", body: "Too short a title." });
  const error = await refusal(failing.send());
  expect(error.status).toBe(400);
  const found = await pb.collection("posts").getList(1, 5, { filter: "title = 'Batch post three'" });
  expect(found.totalItems).toBe(0);
  const [pia] = await database.db.select().from(users).where(eq(users.email, MEMBERS[0].email));
  expect(pia?.id).toBeTruthy();
});
