import { and, eq, sql } from "drizzle-orm";
import { comments, posts } from "@/db/schema";
import { belongsTo, callerId, defineResource, rule, signedIn, type User } from "@/server/core";
import { adminsSet, isAdmin } from "./policies";
import { postsReadableBy } from "./posts";

/** The posts this caller may read, as a subquery (the posts rule is the single source of truth). */
function readablePostIds(user: User | null) {
  const rule = postsReadableBy(user);
  const condition = rule === true ? undefined : rule;
  // Soft-deleted posts take their comments out of sight too.
  return sql`select ${posts.id} from ${posts} where ${posts.deletedAt} is null${condition ? sql` and ${condition}` : sql``}`;
}

/** A comment is readable when its post is. */
const onReadablePosts = rule(
  "comments on posts you can read",
  ({ user }) => sql`${comments.postId} in (${readablePostIds(user)})`,
);

export const commentsResource = defineResource("comments", {
  table: comments,
  label: { one: "Comment", many: "Comments" },
  icon: "MessageSquare",
  titleField: "body",
  fields: {
    postId: { label: "Post", filterable: true, updatable: false },
    authorId: {
      label: "Author",
      filterable: true,
      updatable: false,
      defaultValue: callerId,
      access: { write: adminsSet },
    },
    body: { label: "Comment", widget: "textarea", rules: { minLength: 1, maxLength: 5000 }, searchable: true },
    createdAt: { label: "Posted", sortable: true, filterable: true },
    updatedAt: { label: "Edited", sortable: true },
  },
  relations: {
    post: belongsTo("posts", { field: "postId" }),
    author: belongsTo("users", { field: "authorId" }),
  },
  list: { defaultSort: ["createdAt"] },
  // Against comment spam: stricter than the API-wide per-user limit (README "Security").
  rateLimit: { create: { limit: 10, windowSeconds: 60 }, createMany: { limit: 2, windowSeconds: 60 } },
  access: {
    list: onReadablePosts,
    get: onReadablePosts,
    create: {
      ...signedIn,
      name: "signed-in users, on posts they can read",
      // Commenting on a post you cannot see would reveal that it exists; it is refused like any other denial.
      check: async ({ user, next, tx }) => {
        const found = await tx
          .select({ id: posts.id })
          .from(posts)
          .where(and(eq(posts.id, next.postId as string), sql`${posts.id} in (${readablePostIds(user)})`))
          .limit(1);
        return found.length === 1;
      },
    },
    update: {
      name: "own comments",
      allow: ({ user }) => (user ? eq(comments.authorId, user.id) : false),
    },
    delete: {
      name: "own comments, or admins",
      allow: ({ user }) => isAdmin(user) || (user ? eq(comments.authorId, user.id) : false),
    },
  },
});
