/** `audit.onChange`: every committed change for admins (resource, id, operation), resumable; refused to others. */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { AppUser } from "@/server/resources";
import { createCaller } from "@/server/router";
import { callers, rejection } from "@/server/testing";
import { createContext } from "@/server/trpc";
import type { ActivityMessage } from "./activity";
import { closeListener, listenerFor } from "./listener";
import { type Watcher, watch } from "./testing";

let t: TestDatabase;
let admin: AppUser;
let member: AppUser;
const watchers: Watcher<ActivityMessage>[] = [];

async function watchActivity(who: AppUser, lastEventId?: string) {
  await listenerFor(t.db).caughtUp();
  const controller = new AbortController();
  const caller = createCaller(createContext({ db: t.db, actor: { kind: "user", user: who, via: "session" } }), {
    signal: controller.signal,
  });
  const w = watch<ActivityMessage>(await caller.audit.onChange(lastEventId ? { lastEventId } : undefined), controller);
  watchers.push(w);
  return w;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const make = async (name: string, role: AppUser["role"]) => {
    const [row] = await t.db
      .insert(users)
      .values({ name, email: `${name.toLowerCase()}@activity.test`, role })
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        emailVerifiedAt: users.emailVerifiedAt,
      });
    return row as AppUser;
  };
  admin = await make("Admin", "admin");
  member = await make("Member", "member");
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await closeListener(t.db);
  await t.drop();
});

it("tells an admin of every committed change, drafts of others included, without the record's contents", async () => {
  const w = await watchActivity(admin);
  expect((await w.next()).data).toEqual({ action: "ready", resumed: false });
  const draft = await callers(t.db).as(member).posts.create({ title: "A member's draft", body: "Nobody else's." });
  const tag = await callers(t.db).system.tags.create({ name: "Activity", slug: "activity" });
  expect((await w.next()).data).toEqual({ action: "change", resource: "posts", id: draft.id, operation: "create" });
  expect((await w.next()).data).toEqual({ action: "change", resource: "tags", id: tag.id, operation: "create" });
});

it("is refused to anyone but admins", async () => {
  const caller = createCaller(createContext({ db: t.db, actor: { kind: "user", user: member, via: "session" } }));
  const error = await rejection(caller.audit.onChange());
  expect(error.code).toBe("FORBIDDEN");
});

it("resumes from the last id with exactly what was missed, then ready", async () => {
  const first = await watchActivity(admin);
  await first.next(); // ready
  const a = await callers(t.db).system.tags.create({ name: "Before", slug: "before" });
  const seen = await first.next();
  expect(seen.data).toMatchObject({ id: a.id });
  await first.stop();
  const b = await callers(t.db).system.tags.create({ name: "Missed one", slug: "missed-one" });
  const c = await callers(t.db).system.tags.update({ id: b.id, data: { name: "Missed two" } });
  const again = await watchActivity(admin, seen.id);
  expect((await again.next()).data).toEqual({ action: "change", resource: "tags", id: b.id, operation: "create" });
  expect((await again.next()).data).toEqual({ action: "change", resource: "tags", id: c.id, operation: "update" });
  expect((await again.next()).data).toEqual({ action: "ready", resumed: true });
});
