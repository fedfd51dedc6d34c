import { sql } from "drizzle-orm";
import { comments } from "@/db/schema";
import { belongsTo, defineResource } from "@/server/core";

/** A comment is public when its post is. */
const onPublishedPosts = () =>
  sql`${comments.postId} in (select id from posts where status = 'published' and deleted_at is null)`;

export const commentsResource = defineResource("comments", {
  table: comments,
  label: { one: "Comment", many: "Comments" },
  titleField: "body",
  fields: {
    postId: { label: "Post", filterable: true, updatable: false },
    authorId: { label: "Author", filterable: true, updatable: false },
    body: { label: "Comment", widget: "textarea", rules: { minLength: 1, maxLength: 5000 }, searchable: true },
    createdAt: { label: "Posted", sortable: true, filterable: true },
    updatedAt: { label: "Edited", sortable: true },
  },
  relations: {
    post: belongsTo("posts", { field: "postId" }),
    author: belongsTo("users", { field: "authorId" }),
  },
  list: { defaultSort: ["createdAt"] },
  access: { list: onPublishedPosts, get: onPublishedPosts },
});
