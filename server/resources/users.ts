import { users } from "@/db/schema";
import { anyone, defineResource, hasCount, hasMany } from "@/server/core";

export const usersResource = defineResource("users", {
  table: users,
  label: { one: "User", many: "Users" },
  titleField: "name",
  fields: {
    name: {
      label: "Name",
      rules: { minLength: 1, maxLength: 100 },
      filterable: true,
      sortable: true,
      searchable: true,
    },
    // Not readable through the API until per-field read policies can show it to its owner and admins.
    email: { label: "Email", widget: "email", rules: { format: "email", maxLength: 254 }, readable: false },
    role: { label: "Role", filterable: true, sortable: true },
    bio: { label: "Bio", widget: "textarea", rules: { maxLength: 2000 } },
    blocked: { label: "Blocked", filterable: true },
    createdAt: { label: "Joined", sortable: true, filterable: true },
  },
  relations: {
    posts: hasMany("posts", { foreignKey: "authorId", limit: 20 }),
    postCount: hasCount("posts", { foreignKey: "authorId" }),
  },
  list: { defaultSort: ["name"], maxPerPage: 100 },
  access: { list: anyone, get: anyone },
});
