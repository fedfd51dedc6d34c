import { bigint, boolean, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /**
     * When the user proved they read this address. Self sign-up stores null until they follow the verification
     * mail; accounts made any other way (an admin, the seed, OAuth with a provider-verified email) count as verified,
     * hence the default. Rules ask for it with the engine's `verified` preset.
     */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }).defaultNow(),
    /** The TOTP secret, sealed with a key derived from AUTH_SECRET (server/auth/two-factor/seal.ts); null when off. */
    twoFactorSecret: text("two_factor_secret"),
    /** Set once the user confirmed enrolment with a code: from then on sign-in asks for one. */
    twoFactorEnabledAt: timestamp("two_factor_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be used twice (RFC 6238 section 5.2). */
    twoFactorLastStep: bigint("two_factor_last_step", { mode: "number" }),
    /** Mail the user when their account is signed in from a browser it has not seen before. */
    signInAlerts: boolean("sign_in_alerts").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Emails are stored lower-cased by whoever writes them, so a plain unique index is enough.
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
