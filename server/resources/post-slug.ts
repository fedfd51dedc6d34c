/**
 * The demo's slug: a post's slug follows its title and stays unique among live posts by taking the first free suffix
 * ("hello", "hello-2", ...), so two posts may share a title. It only reads (a create's `shapeCreate` hook, so the
 * create needs no transaction); two writers racing for the same new slug still meet the unique index, which answers
 * with a CONFLICT on `slug`.
 */
import { and, eq, inArray, isNull, like, ne, or } from "drizzle-orm";
import { posts } from "@/db/schema";
import { slugify } from "@/db/slug";
import type { Reader } from "@/server/core/executor";

/** Suffixes asked for first: a title no live post has yet, or has a few times. */
const NEAR = 8;

export async function uniquePostSlug(db: Reader, title: string, exceptId?: string): Promise<string> {
  const base = slugify(title) || "post";
  const others = exceptId ? ne(posts.id, exceptId) : undefined;
  const near = [base, ...Array.from({ length: NEAR - 1 }, (_, i) => `${base}-${i + 2}`)];
  // Prepared: the same text every time, parsed and planned once per connection, on the slug index (a LIKE with its
  // pattern as a parameter has no plan that uses the index, so that query below is left unprepared).
  const nearTaken = await db
    .select({ slug: posts.slug })
    .from(posts)
    .where(and(isNull(posts.deletedAt), inArray(posts.slug, near), others))
    .prepare(exceptId ? "post_slug_near_except" : "post_slug_near")
    .execute();
  const takenNear = new Set(nearTaken.map((r) => r.slug));
  const free = near.find((slug) => !takenNear.has(slug));
  if (free) return free;
  // slugify yields [a-z0-9-] only, so the LIKE pattern has no wildcards of its own.
  const rows = await db
    .select({ slug: posts.slug })
    .from(posts)
    .where(and(isNull(posts.deletedAt), or(eq(posts.slug, base), like(posts.slug, `${base}-%`)), others));
  const taken = new Set(rows.map((r) => r.slug));
  for (let n = NEAR + 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
