import { boolean, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fileColumn } from "../../server/core/files/column";

export const userRole = pgEnum("user_role", ["admin", "editor", "member"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    role: userRole("role").notNull().default("member"),
    bio: text("bio").notNull().default(""),
    avatar: fileColumn("avatar"),
    blocked: boolean("blocked").notNull().default(false),
    /** `scrypt$N$r$p$salt$hash` (server/auth/password.ts); null for users who only sign in through OAuth. */
    passwordHash: text("password_hash"),
    /**
     * Set when an admin gives the user a temporary password: until they choose their own, their session opens
     * nothing but the change-password page (server/auth/actor.ts).
     */
    passwordChangeRequired: boolean("password_change_required").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Emails are stored lower-cased by whoever writes them, so a plain unique index is enough.
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
