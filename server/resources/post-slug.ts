/**
 * The demo's slug hook: a post's slug follows its title and stays unique among live posts by taking the first free
 * suffix ("hello", "hello-2", ...), so two posts may share a title. Runs inside the write's transaction; two writers
 * racing for the same new slug still meet the unique index, which answers with a CONFLICT on `slug`.
 */
import { and, eq, isNull, like, ne, or } from "drizzle-orm";
import { posts } from "@/db/schema";
import { slugify } from "@/db/slug";
import type { Transaction } from "@/server/core/executor";

export async function uniquePostSlug(tx: Transaction, title: string, exceptId?: string): Promise<string> {
  const base = slugify(title) || "post";
  // slugify yields [a-z0-9-] only, so the LIKE pattern has no wildcards of its own.
  const rows = await tx
    .select({ slug: posts.slug })
    .from(posts)
    .where(
      and(
        isNull(posts.deletedAt),
        or(eq(posts.slug, base), like(posts.slug, `${base}-%`)),
        exceptId ? ne(posts.id, exceptId) : undefined,
      ),
    );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
