/**
 * The demo blog's weekly digest (docs/jobs-admin.md): every Monday at 08:00 UTC it puts a banner on the home page
 * naming the posts of the past week that editors picked for it by tagging them "digest". Until someone creates that
 * tag the digest has nothing to go by, so it fails and says what to do; once the tag exists, an admin retries it
 * from the Jobs page. That is the failure e2e/jobs.spec.ts watches and retries.
 *
 * It writes through the engine as the system, so the banner gets an audit entry and reaches open pages live, and it
 * is idempotent per tag and day: a retry (or a second run that day) updates that day's banner instead of adding one.
 */
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { announcements, posts, postTags, tags } from "@/db/schema";
import type { Actor } from "@/server/core";
import { defineJob, schedule } from "@/server/core/jobs/define";
import { createRecord, updateRecord } from "@/server/core/write";
import { resources } from "@/server/resources";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Titles the banner names; the rest are counted. */
const NAMED = 5;

export const weeklyDigest = defineJob("blog.weekly-digest", {
  input: z.object({
    /** The slug of the tag that picks posts for the digest. */
    tag: z
      .string()
      .max(60)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** How far back it looks. */
    days: z.number().int().min(1).max(31),
  }),
  // One quick retry covers a restart or a database blip; a missing tag does not fix itself, so after that the job
  // stays failed on the Jobs page until an admin retries it.
  retry: { limit: 1, delay: 2, backoff: false },
  timeout: "1m",
  run: ({ tag, days }, { db }) => writeDigest(db, tag, days, new Date()),
});

export const weeklyDigestSchedule = schedule("0 8 * * 1", weeklyDigest, { tag: "digest", days: 7 }, { tz: "UTC" });

const DIGEST_ACTOR: Actor = { kind: "system", reason: "weekly digest" };

/** Writes (or rewrites) the banner for `tag` on the day of `now`; returns what it did, kept as the job's output. */
export async function writeDigest(db: Database, tag: string, days: number, now: Date) {
  const [picker] = await db.select({ id: tags.id }).from(tags).where(eq(tags.slug, tag)).limit(1);
  if (!picker) {
    throw new Error(
      `There is no tag "${tag}" yet: create it in Admin → Tags and tag the posts for the digest, then retry this job.`,
    );
  }
  const picked = await db
    .select({ title: posts.title, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(posts)
    .innerJoin(postTags, and(eq(postTags.postId, posts.id), eq(postTags.tagId, picker.id)))
    .where(
      and(
        eq(posts.status, "published"),
        isNull(posts.deletedAt),
        gte(posts.publishedAt, new Date(now.getTime() - days * DAY_MS)),
      ),
    )
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(NAMED);
  const total = picked[0]?.total ?? 0;
  if (total === 0) return { posts: 0, announcementId: null };

  const titles = picked.map((p) => `“${p.title}”`).join(", ");
  const more = total > picked.length ? ` and ${total - picked.length} more` : "";
  const message = `${total} ${total === 1 ? "post" : "posts"} worth your time: ${titles}${more}.`.slice(0, 2000);
  const key = `${tag}:${now.toISOString().slice(0, 10)}`;
  const writer = { db, actor: DIGEST_ACTOR, registry: resources };
  const [existing] = await db
    .select({ id: announcements.id })
    .from(announcements)
    .where(sql`${announcements.settings}->>'digest' = ${key}`)
    .limit(1);
  const data = { title: "This week on the blog", message };
  const written = existing
    ? await updateRecord(writer, resources.announcements, existing.id, data, { visible: undefined, allowed: undefined })
    : await createRecord(writer, resources.announcements, {
        ...data,
        tone: "info",
        active: true,
        priority: 10,
        // Shown until the next digest is due.
        endsOn: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)),
        settings: { digest: key },
      });
  return { posts: total, announcementId: String(written.id) };
}
