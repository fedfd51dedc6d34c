import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const announcementTone = pgEnum("announcement_tone", ["info", "success", "warning"]);

/**
 * Site-wide notices. The demo's "one more resource": registered in server/resources with no UI code, it appears in
 * the admin (list, filters, form with switch, number, date, datetime and JSON widgets) by itself.
 */
export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    message: text("message").notNull(),
    tone: announcementTone("tone").notNull().default("info"),
    active: boolean("active").notNull().default(true),
    priority: integer("priority").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsOn: date("ends_on", { mode: "date" }),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("announcements_active_idx").on(t.active, t.priority)],
);
