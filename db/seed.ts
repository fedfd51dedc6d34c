/**
 * The demo blog. Deterministic (no random data), so screenshots, docs and tests can rely on it,
 * and idempotent: it writes only into an empty database and does nothing the second time.
 */
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { announcements, comments, posts, postTags, projects, tags, users } from "./schema";
import { seedDemoFiles } from "./seed-files";
import { slugify } from "./slug";

export const DEMO_USERS = [
  { name: "Ada Admin", email: "admin@example.com", role: "admin", bio: "Runs this place." },
  { name: "Eddie Editor", email: "editor@example.com", role: "editor", bio: "Fixes everyone's typos." },
  { name: "Mia Member", email: "mia@example.com", role: "member", bio: "Writes about gardens." },
  { name: "Max Member", email: "max@example.com", role: "member", bio: "Writes about bikes." },
  { name: "Lou Lurker", email: "lou@example.com", role: "member", bio: "" },
] as const;

/**
 * In development only (`npm run dev`), the demo users other than the admin sign in with this password, so the editor
 * and member views can be tried. Never set in production or tests.
 */
export const DEMO_PASSWORD = "atrium-demo";

export const DEMO_POST_COUNT = 50;

export const DEMO_TAGS = ["Databases", "TypeScript", "React", "Testing", "Design", "Outdoors", "Food", "Meta"] as const;

const COMMENT_LINES = [
  "Great write-up, thanks!",
  "I tried this and it worked on the first go.",
  "Could you expand on the second point?",
  "Bookmarked for later.",
] as const;

const TOPICS = [
  "Postgres",
  "Drizzle",
  "tRPC",
  "React Query",
  "Server Components",
  "Tailwind",
  "Playwright",
  "Gardening",
  "Cycling",
  "Coffee",
] as const;
const ANGLES = ["Getting started with", "Ten lessons from", "Why we chose", "A field guide to", "Notes on"] as const;

function demoPost(i: number, authorIds: string[], now: number) {
  const topic = TOPICS[i % TOPICS.length];
  const angle = ANGLES[Math.floor(i / TOPICS.length) % ANGLES.length];
  const title = `${angle} ${topic} #${i + 1}`;
  // Two posts in three are published; one day apart, the newest first.
  const published = i % 3 !== 2;
  const day = 24 * 60 * 60 * 1000;
  const createdAt = new Date(now - (DEMO_POST_COUNT - i) * day);
  return {
    title,
    slug: slugify(title),
    body: `# ${title}\n\nThis demo post is about **${topic}**. Edit or delete it from the admin.\n`,
    status: published ? ("published" as const) : ("draft" as const),
    authorId: authorIds[i % authorIds.length] as string,
    publishedAt: published ? new Date(createdAt.getTime() + 60 * 60 * 1000) : null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** Projects with every kind of value the table takes; `owner` indexes DEMO_USERS, `due` is days from today. */
export const DEMO_PROJECTS = [
  {
    name: "Website relaunch",
    description: "New home page, blog theme and documentation.",
    status: "active",
    budget: "12500.00",
    due: 30,
    owner: 1,
    tags: ["web", "design"],
  },
  {
    name: "Community garden",
    description: "Raised beds behind the office, with a watering rota.",
    status: "planning",
    budget: "800.50",
    due: 90,
    owner: 2,
    tags: ["outdoors"],
  },
  { name: "Bike repair workshop", description: null, status: "on_hold", budget: null, due: null, owner: 3, tags: [] },
  {
    name: "Database upgrade",
    description: "PostgreSQL major version, with a rehearsal on a copy first.",
    status: "active",
    budget: "2999.99",
    due: 7,
    owner: 1,
    tags: ["ops", "databases"],
  },
  {
    name: "Spring newsletter",
    description: "Sent.",
    status: "done",
    budget: "0.00",
    due: -14,
    owner: 2,
    tags: ["news"],
  },
] as const;

/** Midnight UTC, `days` from the day of `now`: what a `date` column holds. */
function dayFrom(now: number, days: number): Date {
  const today = new Date(now);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
}

// Serialises concurrent seeders (two instances starting at once) so the emptiness check cannot race.
const SEED_LOCK_ID = 7_246_813_370_002;

/** Seed the demo data if the database has no users yet. Returns whether anything was written. */
export async function seedDemoData(
  db: Database,
  now = Date.now(),
  options: { uploadsDir?: string } = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
    const existing = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing.length > 0) return false;

    const inserted = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ ...u })))
      .returning({ id: users.id, role: users.role });
    // Editors and members write; the admin only administers.
    const authorIds = inserted.filter((u) => u.role !== "admin").map((u) => u.id);
    const rows = Array.from({ length: DEMO_POST_COUNT }, (_, i) => demoPost(i, authorIds, now));
    const postRows = await tx.insert(posts).values(rows).returning({ id: posts.id, status: posts.status });

    const tagRows = await tx
      .insert(tags)
      .values(DEMO_TAGS.map((name) => ({ name, slug: slugify(name) })))
      .returning({ id: tags.id });
    // Every post gets one to three tags, chosen by its position so the data stays deterministic.
    const links = postRows.flatMap((post, i) =>
      Array.from({ length: (i % 3) + 1 }, (_, k) => ({
        postId: post.id,
        tagId: tagRows[(i + k * 3) % tagRows.length]?.id as string,
      })),
    );
    await tx.insert(postTags).values(links);

    const commenterIds = inserted.map((u) => u.id);
    const commentRows = postRows.flatMap((post, i) =>
      post.status !== "published"
        ? []
        : Array.from({ length: i % 4 }, (_, k) => ({
            postId: post.id,
            authorId: commenterIds[(i + k) % commenterIds.length] as string,
            body: COMMENT_LINES[(i + k) % COMMENT_LINES.length] as string,
          })),
    );
    if (commentRows.length > 0) await tx.insert(comments).values(commentRows);
    const userIds = inserted.map((u) => u.id);
    await tx.insert(projects).values(
      DEMO_PROJECTS.map(({ due, owner, tags: projectTags, ...project }) => ({
        ...project,
        dueDate: due === null ? null : dayFrom(now, due),
        ownerId: userIds[owner] as string,
        tags: [...projectTags],
      })),
    );
    await tx.insert(announcements).values([
      {
        title: "Welcome to the Atrium demo",
        message: "A demo blog on Atrium: write posts, comment on them, and watch every change arrive live.",
        tone: "info",
        priority: 10,
      },
      { title: "Scheduled maintenance", message: "A draft notice, not shown yet.", tone: "warning", active: false },
    ]);
    // Covers and avatars, where the app keeps uploads (the launcher says where; tests seed without files).
    if (options.uploadsDir) await seedDemoFiles(tx, options.uploadsDir);
    return true;
  });
}

/**
 * Gives the demo users other than `adminEmail` this password hash where they have none yet (idempotent, and it also
 * covers a database seeded before passwords existed). Returns the demo emails present, for the start-up banner.
 */
export async function setDemoPasswords(db: Database, passwordHash: string, adminEmail: string): Promise<string[]> {
  const emails = DEMO_USERS.map((u) => u.email as string).filter((e) => e !== adminEmail);
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(inArray(users.email, emails), isNull(users.passwordHash)));
  const present = await db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
  return emails.filter((e) => present.some((p) => p.email === e));
}
