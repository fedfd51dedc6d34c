/**
 * The demo's weekly digest against a real database: it fails, saying what to do, while the "digest" tag is missing;
 * once it exists it writes one banner through the engine (audited, as the system) naming the week's tagged posts,
 * and a second run on the same day rewrites that banner instead of adding another.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcements, auditLog, posts, postTags, tags, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { weeklyDigest, weeklyDigestSchedule, writeDigest } from "./weekly-digest";

let t: TestDatabase;
const NOW = new Date("2026-03-09T08:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestDatabase();
  const [author] = await t.db
    .insert(users)
    .values({ name: "Dee Digest", email: "dee@digest.test" })
    .returning({ id: users.id });
  const post = (title: string, daysAgo: number, status: "draft" | "published" = "published") => ({
    title,
    slug: title.toLowerCase().replace(/\W+/g, "-"),
    body: "A body long enough.",
    status,
    authorId: author?.id as string,
    publishedAt: status === "published" ? new Date(NOW.getTime() - daysAgo * DAY) : null,
  });
  await t.db
    .insert(posts)
    .values([post("Fresh picked", 1), post("Older picked", 3), post("Too old", 9), post("A draft", 1, "draft")]);
}, 60_000);
afterAll(() => t.drop());

describe("the weekly digest", () => {
  it("is scheduled on Mondays at 08:00 UTC with its input checked", () => {
    expect(weeklyDigestSchedule).toMatchObject({ cron: "0 8 * * 1", tz: "UTC", input: { tag: "digest", days: 7 } });
    expect(weeklyDigest.retry).toMatchObject({ limit: 1 });
    expect(weeklyDigest.input.safeParse({ tag: "Not A Slug", days: 7 }).success).toBe(false);
  });

  it("fails while the tag is missing, naming it and what to do, and writes nothing", async () => {
    await expect(writeDigest(t.db, "digest", 7, NOW)).rejects.toThrow(
      'There is no tag "digest" yet: create it in Admin → Tags',
    );
    expect(await t.db.select().from(announcements)).toEqual([]);
  });

  it("once the tag exists, announces the week's published posts that carry it, once per day", async () => {
    const [tag] = await t.db.insert(tags).values({ name: "Digest", slug: "digest" }).returning({ id: tags.id });
    expect(await writeDigest(t.db, "digest", 7, NOW)).toEqual({ posts: 0, announcementId: null });
    const all = await t.db.select({ id: posts.id, title: posts.title }).from(posts);
    await t.db.insert(postTags).values(all.map((p) => ({ postId: p.id, tagId: tag?.id as string })));

    const first = await writeDigest(t.db, "digest", 7, NOW);
    expect(first.posts).toBe(2);
    const [banner] = await t.db.select().from(announcements);
    expect(banner).toMatchObject({
      id: first.announcementId,
      title: "This week on the blog",
      message: "2 posts worth your time: “Fresh picked”, “Older picked”.",
      active: true,
      settings: { digest: "digest:2026-03-09" },
    });
    const second = await writeDigest(t.db, "digest", 7, new Date(NOW.getTime() + 3600_000));
    expect(second.announcementId).toBe(first.announcementId);
    expect(await t.db.select().from(announcements)).toHaveLength(1);
    const trail = await t.db
      .select({ operation: auditLog.operation, actorKind: auditLog.actorKind, actorLabel: auditLog.actorLabel })
      .from(auditLog)
      .where(and(eq(auditLog.resource, "announcements"), eq(auditLog.recordId, String(first.announcementId))));
    expect(trail[0]).toEqual({ operation: "create", actorKind: "system", actorLabel: "weekly digest" });
  });
});
