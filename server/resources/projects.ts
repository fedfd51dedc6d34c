import { eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { belongsTo, callerId, defineResource, rule, signedIn } from "@/server/core";
import { adminsSet, isAdmin } from "./policies";

/** The owner changes their project; admins change any. */
const ownersOrAdmins = rule("own projects, or admins", ({ user }) =>
  isAdmin(user) ? true : user ? eq(projects.ownerId, user.id) : false,
);

export const projectsResource = defineResource("projects", {
  table: projects,
  label: { one: "Project", many: "Projects" },
  icon: "FolderKanban",
  titleField: "name",
  fields: {
    name: {
      label: "Name",
      rules: { minLength: 2, maxLength: 120 },
      filterable: true,
      sortable: true,
      searchable: true,
    },
    description: { label: "Description", widget: "textarea", rules: { maxLength: 2000 }, searchable: true },
    status: {
      label: "Status",
      filterable: true,
      sortable: true,
      tones: { planning: "blue", active: "green", on_hold: "amber", done: "gray" },
    },
    budget: { label: "Budget", help: "Up to 2 decimal places.", rules: { min: 0 }, filterable: true, sortable: true },
    dueDate: { label: "Due date", filterable: true, sortable: true },
    ownerId: {
      label: "Owner",
      filterable: true,
      // The caller owns what they create; only an admin may name (or later change) another owner.
      defaultValue: callerId,
      access: { write: adminsSet },
    },
    tags: { label: "Tags", rules: { maxItems: 10, maxLength: 30 }, filterable: true },
    createdAt: { label: "Created", filterable: true, sortable: true },
    updatedAt: { label: "Updated", sortable: true },
  },
  relations: {
    owner: belongsTo("users", { field: "ownerId" }),
  },
  list: { defaultSort: ["-createdAt"] },
  access: {
    list: signedIn,
    get: signedIn,
    create: signedIn,
    update: {
      ...ownersOrAdmins,
      // Belt and braces for the field rule on ownerId: the owner changes only by an admin's hand.
      check: ({ user, old, next }) => old.ownerId === next.ownerId || isAdmin(user),
    },
    // delete, restore, purge, revert: no rule, so admins only.
  },
});
