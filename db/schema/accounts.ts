import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per sign-in: the session cookie (a JWT) carries this row's id, and every request checks it in the same
 * query that loads the user, so a revoked session is refused on its next request on every instance. `last_seen_at`
 * is written at most once a minute per session.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** How the user proved who they are: "password", "code", "link", "oauth:github", with "+totp" or "+recovery". */
    method: text("method").notNull(),
    /** The browser's User-Agent (capped) and the client IP at sign-in; shown to the user, never trusted. */
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /**
     * The user proved their password (or mail code, or OAuth) but not yet their second factor: such a session opens
     * nothing but /sign-in/two-factor, which clears this after a good code.
     */
    secondFactorPending: boolean("second_factor_pending").notNull().default(false),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Why it ended: "signed out", "revoked by the user", "password changed", "password reset", "revoked by an admin". */
    revokedReason: text("revoked_reason"),
  },
  (t) => [
    index("auth_sessions_user_idx").on(t.userId, t.createdAt),
    // The new-device check asks "has this user signed in from this browser before?".
    index("auth_sessions_user_agent_idx").on(t.userId, t.userAgent),
  ],
);

export const accountTokenPurpose = pgEnum("account_token_purpose", ["verify-email", "change-email", "sign-in"]);

/**
 * Single-use proofs sent by mail: a link token (256 bits, only its sha256 kept) and, for sign-in, also a 6-digit
 * code (its hash kept, tried at most a few times). A newer token of the same purpose replaces the older ones.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: accountTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** HMAC of the 6-digit code (keyed, so the table alone does not let anyone try all million codes offline). */
    codeHash: text("code_hash"),
    /** The address this token is about: the new one for an email change, the account's for the others. */
    email: text("email").notNull(),
    /** Wrong codes tried against this token; it dies at the limit. */
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_tokens_token_hash_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

/** Ten single-use recovery codes per enrolment, hashed; a new set replaces the old one. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_unique").on(t.userId, t.codeHash)],
);

/**
 * Account settings an admin changes at run time, one row (id 1). Today: the roles that must use two-factor
 * authentication; their sessions open nothing but /account/security until they enrol.
 */
export const accountSettings = pgTable("account_settings", {
  id: integer("id").primaryKey().default(1),
  requireTwoFactorRoles: text("require_two_factor_roles").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The development mailbox: where mail goes when no SMTP_URL is set, shown at /dev/mail. Rendered messages, kept so
 * sign-up and reset work offline; pruned to the newest few hundred.
 */
export const devMail = pgTable(
  "dev_mail",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** Which template made it ("verify-email", "password-reset", ...), for tests and the mailbox's filter. */
    template: text("template").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dev_mail_to_idx").on(t.to, t.createdAt), index("dev_mail_created_idx").on(t.createdAt)],
);
