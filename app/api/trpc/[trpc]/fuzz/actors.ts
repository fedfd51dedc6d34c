/**
 * Who the fuzz calls as, with real credentials (a session from the real Auth.js handler, a real API token), and the
 * rows it aims at. Actors' own ids stay out of the id pool, so a fuzzed admin call cannot delete, block or demote
 * the callers the rest of the run depends on.
 */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { announcements, apiTokens, comments, posts, postTags, tags, users } from "@/db/schema";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";

export const ROLES = ["anonymous", "member", "memberToken", "admin"] as const;
export type Role = (typeof ROLES)[number];

const PASSWORD = "fuzz password that is long enough";

export interface Actors {
  headers: Record<Role, Record<string, string>>;
  memberId: string;
}

export async function createActors(db: Database): Promise<Actors> {
  const member = await createUserWithPassword(
    db,
    { name: "Fuzz Member", email: "member@fuzz.test", role: "member" },
    PASSWORD,
  );
  await createUserWithPassword(db, { name: "Fuzz Admin", email: "admin@fuzz.test", role: "admin" }, PASSWORD);
  return {
    memberId: member.id,
    headers: {
      anonymous: {},
      member: { cookie: await signInCookie(db, "member@fuzz.test", PASSWORD) },
      memberToken: { authorization: `Bearer ${await createApiToken(db, member.id, { scope: "write" })}` },
      admin: { cookie: await signInCookie(db, "admin@fuzz.test", PASSWORD) },
    },
  };
}

let serial = 0;

/**
 * Fresh rows for one procedure's run: a user who is nobody's credentials, a draft and a published post (one the
 * member's), a comment, a tag linked to a post, an announcement, a token of the bystander. Returns their ids.
 */
export async function seedRows(db: Database, memberId: string): Promise<string[]> {
  const n = ++serial;
  const [bystander] = await db
    .insert(users)
    .values({ name: `Bystander ${n}`, email: `bystander${n}@fuzz.test` })
    .returning({ id: users.id });
  const by = bystander?.id as string;
  const postRows = await db
    .insert(posts)
    .values([
      { title: `Draft ${n}`, slug: `fuzz-draft-${n}`, body: "A draft.", authorId: memberId },
      {
        title: `Published ${n}`,
        slug: `fuzz-published-${n}`,
        body: "Out there.",
        status: "published",
        publishedAt: new Date(),
        authorId: by,
      },
    ])
    .returning({ id: posts.id });
  const postIds = postRows.map((p) => p.id);
  const [comment] = await db
    .insert(comments)
    .values({ postId: postIds[1] as string, authorId: memberId, body: "A comment." })
    .returning({ id: comments.id });
  const [tag] = await db
    .insert(tags)
    .values({ name: `Tag ${n}`, slug: `fuzz-tag-${n}` })
    .returning({ id: tags.id });
  const [announcement] = await db
    .insert(announcements)
    .values({ title: `Notice ${n}`, message: "Hello." })
    .returning({ id: announcements.id });
  await db.insert(postTags).values({ postId: postIds[1] as string, tagId: tag?.id as string });
  await createApiToken(db, by, { scope: "read", name: `bystander ${n}` });
  const tokenRows = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, by));
  return [
    by,
    ...postIds,
    comment?.id as string,
    tag?.id as string,
    announcement?.id as string,
    ...tokenRows.map((r) => r.id),
  ];
}
