import { date, index, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const projectStatus = pgEnum("project_status", ["planning", "active", "on_hold", "done"]);

/** The resource the README's "Add a resource" recipe builds: a table, a definition, one registry line. */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    status: projectStatus("status").notNull().default("planning"),
    // Money: an exact decimal (a string on the wire, "12500.00"), never a float that loses cents.
    budget: numeric("budget", { precision: 12, scale: 2 }),
    dueDate: date("due_date", { mode: "date" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    tags: text("tags").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("projects_name_unique").on(t.name), index("projects_owner_idx").on(t.ownerId)],
);
