import { postTags, tags } from "@/db/schema";
import { anyone, defineResource, manyToMany } from "@/server/core";

export const tagsResource = defineResource("tags", {
  table: tags,
  label: { one: "Tag", many: "Tags" },
  icon: "Tag",
  titleField: "name",
  fields: {
    name: { label: "Name", rules: { minLength: 1, maxLength: 50 }, filterable: true, sortable: true, searchable: true },
    slug: { label: "Slug", rules: { format: "slug", maxLength: 60 }, filterable: true, sortable: true },
    createdAt: { label: "Created", sortable: true },
  },
  relations: {
    posts: manyToMany("posts", { through: postTags, sourceKey: "tagId", targetKey: "postId" }),
  },
  list: { defaultSort: ["name"] },
  access: { list: anyone, get: anyone },
});
