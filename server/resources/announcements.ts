import { and, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { announcements } from "@/db/schema";
import { defineResource, rule } from "@/server/core";
import { isStaff } from "./policies";

/** Everyone sees the announcements that are on now; editors and admins see all of them. */
const currentOrStaff = rule(
  "current announcements, or editors",
  ({ user }) =>
    isStaff(user) ||
    (and(
      eq(announcements.active, true),
      or(isNull(announcements.startsAt), lte(announcements.startsAt, sql`now()`)),
      or(isNull(announcements.endsOn), gte(announcements.endsOn, sql`current_date`)),
    ) as SQL),
);

const editors = rule("editors", ({ user }) => isStaff(user));

export const announcementsResource = defineResource("announcements", {
  table: announcements,
  label: { one: "Announcement", many: "Announcements" },
  icon: "Megaphone",
  titleField: "title",
  fields: {
    title: { label: "Title", rules: { minLength: 3, maxLength: 120 }, searchable: true, sortable: true },
    message: {
      label: "Message",
      help: "Markdown, shown in a banner on the home page.",
      widget: "markdown",
      rules: { minLength: 1, maxLength: 2000 },
      searchable: true,
    },
    tone: { label: "Tone", filterable: true, sortable: true },
    active: { label: "Active", help: "Inactive announcements are never shown.", filterable: true, sortable: true },
    priority: { label: "Priority", help: "Higher comes first.", rules: { min: 0, max: 100 }, sortable: true },
    startsAt: { label: "Starts at", help: "Empty: right away.", filterable: true, sortable: true },
    endsOn: { label: "Ends on", help: "The last day it is shown. Empty: no end.", filterable: true, sortable: true },
    settings: { label: "Settings", help: "Free-form JSON for the banner (e.g. a link)." },
    createdAt: { label: "Created", sortable: true },
    updatedAt: { label: "Updated", sortable: true },
  },
  list: { defaultSort: ["-priority", "-createdAt"] },
  access: { list: currentOrStaff, get: currentOrStaff, create: editors, update: editors, delete: editors },
});
