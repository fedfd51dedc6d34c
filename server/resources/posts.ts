import { eq } from "drizzle-orm";
import { posts, postTags } from "@/db/schema";
import { slugify } from "@/db/slug";
import { belongsTo, defineResource, hasCount, hasMany, manyToMany } from "@/server/core";

/** Until sign-in exists, the public sees published posts only (deleted ones are hidden by the engine). */
const publishedOnly = () => eq(posts.status, "published");

export const postsResource = defineResource("posts", {
  table: posts,
  label: { one: "Post", many: "Posts" },
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
    body: { label: "Body", help: "Markdown.", widget: "markdown", rules: { minLength: 10 }, searchable: true },
    status: { label: "Status", filterable: true, sortable: true },
    authorId: { label: "Author", filterable: true },
    publishedAt: { label: "Published", filterable: true, sortable: true, creatable: false, updatable: false },
    createdAt: { label: "Created", filterable: true, sortable: true },
    updatedAt: { label: "Updated", sortable: true },
    deletedAt: { label: "Deleted", filterable: true },
  },
  relations: {
    author: belongsTo("users", { field: "authorId" }),
    comments: hasMany("comments", { foreignKey: "postId" }),
    commentCount: hasCount("comments", { foreignKey: "postId" }),
    tags: manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tagId" }),
  },
  list: { defaultSort: ["-createdAt"], defaultPerPage: 20, maxPerPage: 100, maxBatch: 100 },
  hooks: {
    // The slug follows the title; a taken slug is reported as a conflict on `slug`.
    beforeCreate: ({ data }) => ({
      ...data,
      slug: slugify(data.title ?? "") || "post",
      publishedAt: data.status === "published" ? new Date() : null,
    }),
    beforeUpdate: ({ data, old }) => ({
      ...data,
      ...(data.title !== undefined ? { slug: slugify(data.title) || "post" } : {}),
      ...(data.status === "published" && !old.publishedAt ? { publishedAt: new Date() } : {}),
      ...(data.status === "draft" ? { publishedAt: null } : {}),
    }),
  },
  access: { list: publishedOnly, get: publishedOnly },
});
