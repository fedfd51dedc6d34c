import { and, eq, or, type SQL } from "drizzle-orm";
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
  signedIn,
  type User,
} from "@/server/core";
import { adminsSet, isAdmin, isStaff } from "./policies";
import { uniquePostSlug } from "./post-slug";

/** Anyone reads published posts; authors also their own drafts; editors and admins everything. */
export function postsReadableBy(user: User | null): true | SQL {
  if (isStaff(user)) return true;
  const published = eq(posts.status, "published");
  return user ? (or(published, eq(posts.authorId, user.id)) as SQL) : published;
}

export const readablePosts = rule("published posts, own drafts, or editors", ({ user }) => postsReadableBy(user));

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
    // The slug follows the title (unique among live posts); publishedAt is set when a post becomes published.
    beforeCreate: async ({ data, tx }) => ({
      ...data,
      slug: await uniquePostSlug(tx, data.title ?? ""),
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
  access: {
    list: readablePosts,
    get: readablePosts,
    create: signedIn,
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
