import { and, eq, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { posts, postTags } from "@/db/schema";

type PostRow = typeof posts.$inferSelect;

import {
  belongsTo,
  callerId,
  defineResource,
  file,
  hasCount,
  hasMany,
  manyToMany,
  rule,
  type User,
  verified,
} from "@/server/core";
import { taskRunner } from "@/server/tasks";
import { recountPosts } from "@/server/tasks/recount-posts";
import { adminsSet, isAdmin, isStaff } from "./policies";
import { uniquePostSlug } from "./post-slug";

/** Anyone reads published posts; authors also their own drafts; editors and admins everything. */
export function postsReadableBy(user: User | null): true | SQL {
  if (isStaff(user)) return true;
  const published = eq(posts.status, "published");
  return user ? (or(published, eq(posts.authorId, user.id)) as SQL) : published;
}

export const readablePosts = rule("published posts, own drafts, or editors", ({ user }) => postsReadableBy(user));

/** Posts in this status, for their authors, editors and admins: who may publish drafts and unpublish the rest. */
function inStatus(status: PostRow["status"], name: string) {
  return rule(name, ({ user }) => {
    if (!user) return false;
    const inIt = eq(posts.status, status);
    return (isStaff(user) ? inIt : and(inIt, eq(posts.authorId, user.id))) ?? false;
  });
}
export const publishableDrafts = inStatus("draft", "drafts, by their authors or editors");
export const unpublishablePosts = inStatus("published", "published posts, by their authors or editors");

export const postsResource = defineResource("posts", {
  table: posts,
  label: { one: "Post", many: "Posts" },
  icon: "FileText",
  titleField: "title",
  softDelete: "deletedAt",
  fields: {
    title: {
      label: "Title",
      rules: { minLength: 5, maxLength: 200 },
      filterable: true,
      sortable: true,
      searchable: true,
    },
    slug: { label: "Slug", help: "Derived from the title.", creatable: false, updatable: false, filterable: true },
    // Longer than the engine's default for text (10,000 characters): a post is an article.
    body: {
      label: "Body",
      help: "Markdown.",
      widget: "markdown",
      rules: { minLength: 10, maxLength: 100_000 },
      searchable: true,
    },
    status: { label: "Status", filterable: true, sortable: true },
    authorId: {
      label: "Author",
      filterable: true,
      // The caller is the author; only an admin may name another one, on create or later.
      defaultValue: callerId,
      access: { write: adminsSet },
    },
    publishedAt: { label: "Published", filterable: true, sortable: true, creatable: false, updatable: false },
    cover: {
      label: "Cover image",
      ...file({ accept: ["image/*"], maxSize: "10MB", thumbs: ["96x64", "400x225", "1200x0"] }),
    },
    // A draft's attachments are for its readers only (its author, editors, admins), never a shared cache.
    attachments: {
      label: "Attachments",
      ...file({ multiple: 10, maxSize: "25MB", protected: (post: PostRow) => post.status !== "published" }),
    },
    createdAt: { label: "Created", filterable: true, sortable: true },
    updatedAt: { label: "Updated", sortable: true },
    deletedAt: { label: "Deleted", filterable: true },
  },
  relations: {
    author: belongsTo("users", { field: "authorId" }),
    comments: hasMany("comments", { foreignKey: "postId" }),
    commentCount: hasCount("comments", { foreignKey: "postId" }),
    tags: manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tagId", writable: true }),
  },
  list: { defaultSort: ["-createdAt"], defaultPerPage: 20, maxPerPage: 100, maxBatch: 100 },
  hooks: {
    // The slug follows the title (unique among live posts); publishedAt is set when a post becomes published. Only
    // reads, so a create stays one statement, without a transaction (docs/decisions/032-hooks-that-only-read.md).
    shapeCreate: async ({ data, db }) => ({
      ...data,
      slug: await uniquePostSlug(db, data.title ?? ""),
      publishedAt: data.status === "published" ? new Date() : null,
    }),
    beforeUpdate: async ({ data, old, tx }) => ({
      ...data,
      ...(data.title !== undefined && data.title !== old.title
        ? { slug: await uniquePostSlug(tx, data.title, old.id) }
        : {}),
      ...(data.status === "published" && !old.publishedAt ? { publishedAt: new Date() } : {}),
      ...(data.status === "draft" ? { publishedAt: null } : {}),
    }),
  },
  // Custom actions (docs/actions.md): `posts.publish({ id })`, `posts.unpublishMany({ ids, input: { reason } })`.
  actions: (action) => ({
    // A resource-wide action: starts the demo's task (server/tasks/recount-posts.ts), watched in Task runs.
    recount: action({
      label: "Recount statistics",
      help: "Counts posts and comments and ranks the most active authors, as the nightly run does.",
      access: adminsSet,
      successMessage: "Recount started: follow it in Task runs",
      run: async ({ tx, actor }) => ({
        runId: await taskRunner.start(recountPosts, { reason: "manual" }, { tx, actor }),
      }),
    }),
    publish: action({
      record: true,
      bulk: true,
      help: "Makes the post public, published as of now.",
      access: publishableDrafts,
      successMessage: "Published",
      run: ({ update }) => update({ status: "published" }),
    }),
    unpublish: action({
      record: true,
      bulk: true,
      help: "Takes the post off the site and back to the drafts.",
      input: z.object({
        reason: z
          .string()
          .trim()
          .min(5, "Reason must be at least 5 characters")
          .max(500, "Reason must be at most 500 characters")
          .meta({ title: "Reason", description: "Kept in the post's history.", widget: "textarea" }),
      }),
      confirm: {
        description: "Readers lose access to it until it is published again.",
        confirmLabel: "Unpublish",
        destructive: true,
      },
      access: unpublishablePosts,
      successMessage: "Unpublished",
      run: ({ update }) => update({ status: "draft" }),
    }),
  }),
  access: {
    list: readablePosts,
    get: readablePosts,
    // A throwaway address cannot post: the author must have confirmed their email (sign-up sends the link).
    create: verified,
    update: {
      name: "own posts, or editors",
      allow: ({ user }) => isStaff(user) || (user ? eq(posts.authorId, user.id) : false),
      // Belt and braces for the field rule on authorId: the stored author changes only by an admin's hand.
      check: ({ user, old, next }) => old.authorId === next.authorId || isAdmin(user),
    },
    // Editors and admins see the bin and take posts out of it; purging for good has no rule: admins only.
    readDeleted: { name: "editors", allow: ({ user }) => isStaff(user) },
    restore: { name: "editors", allow: ({ user }) => isStaff(user) },
    delete: {
      name: "own drafts, or admins",
      allow: ({ user }) =>
        isAdmin(user) || (user ? (and(eq(posts.authorId, user.id), eq(posts.status, "draft")) ?? false) : false),
    },
  },
});
