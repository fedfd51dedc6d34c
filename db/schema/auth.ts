import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const apiTokenScope = pgEnum("api_token_scope", ["read", "write"]);

/** Personal API tokens for scripts. Only a hash of the secret is kept; the plaintext is shown once, at creation. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the token (`atr_Ab12Cd34`), so its owner can tell tokens apart; not a secret. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole token, hex. The secret has 256 bits of entropy, so a fast hash is enough. */
    tokenHash: text("token_hash").notNull(),
    scope: apiTokenScope("scope").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Updated at most once a minute per token, so using a token does not cost a write per request. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_unique").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Fixed-window counters of the sign-in and sign-up rate limits and of the API's (server/http/rate-limit.ts). In
 * Postgres, not in memory, so a limit holds across every app instance. Keys look like `signin:email:ada@example.com`,
 * `api:ip:203.0.113.7`, `api:user:<id>`, `api:posts.create:user:<id>`.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
  },
  // Lets the periodic clean-up of finished windows avoid a full scan.
  (t) => [index("rate_limits_reset_idx").on(t.resetAt)],
);

/**
 * Single-use links that let a user choose a new password: created by an admin today (copied to the user), by the
 * "forgot password" mail later. Only a hash of the token is kept; a newer link replaces the older ones.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** sha256 of the token, hex: the token has 256 bits of entropy, so a fast hash is enough. */
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** The admin who made it; null when the user asked for it themself. */
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_unique").on(t.tokenHash),
    index("password_resets_user_idx").on(t.userId),
  ],
);
