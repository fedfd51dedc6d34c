/**
 * Sign-in sessions as rows (auth_sessions). The session cookie stays an Auth.js JWT, but it now carries the row's id
 * (`sid`), and every request checks that row in the same query that loads the user (server/auth/actor.ts), so a
 * session revoked here is refused on its next request, on every instance, without a cache to wait out.
 */
import { and, desc, eq, isNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authSessions } from "@/db/schema";

type Executor = Pick<Database, "select" | "insert" | "update">;

/** As long as the cookie (config.ts); each request that touches the row pushes the end this far ahead again. */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
/** last_seen_at (and the sliding expiry) are written at most this often per session. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;
/** A User-Agent is the client's own words: kept short, shown as text, never trusted. */
const MAX_USER_AGENT = 512;

export type RevokeReason =
  | "signed out"
  | "revoked by the user"
  | "password changed"
  | "password reset"
  | "revoked by an admin"
  | "two-factor reset"
  | "address proved by an OAuth provider";

export interface NewSession {
  userId: string;
  /** "password", "code", "link", "oauth:github"; "+totp" or "+recovery" is appended when the second step passes. */
  method: string;
  userAgent: string;
  ip: string;
  /** The account has two-factor on: the session opens only the second step until a code is given. */
  secondFactorPending: boolean;
}

export async function createSession(db: Executor, session: NewSession): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({
      ...session,
      userAgent: session.userAgent.slice(0, MAX_USER_AGENT),
      ip: session.ip.slice(0, 64),
      expiresAt: sql`now() + make_interval(secs => ${SESSION_LIFETIME_SECONDS})`,
    })
    .returning({ id: authSessions.id });
  if (!row) throw new Error("inserting a session returned no row");
  return row.id;
}

/** Records that the session is in use; the WHERE makes it a no-op within the resolution, and settles races. */
export async function touchSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .update(authSessions)
    .set({
      lastSeenAt: sql`now()`,
      expiresAt: sql`now() + make_interval(secs => ${SESSION_LIFETIME_SECONDS})`,
    })
    .where(
      and(
        eq(authSessions.id, sessionId),
        isNull(authSessions.revokedAt),
        lt(authSessions.lastSeenAt, sql`now() - make_interval(secs => ${LAST_SEEN_RESOLUTION_SECONDS})`),
      ),
    );
}

/** The second factor was given: the session opens everything from its next request. */
export async function completeSecondFactor(db: Executor, sessionId: string, userId: string, how: "totp" | "recovery") {
  const [row] = await db
    .update(authSessions)
    .set({ secondFactorPending: false, method: sql`${authSessions.method} || ${`+${how}`}` })
    .where(
      and(
        eq(authSessions.id, sessionId),
        eq(authSessions.userId, userId),
        eq(authSessions.secondFactorPending, true),
        isNull(authSessions.revokedAt),
      ),
    )
    .returning({ id: authSessions.id });
  return !!row;
}

/** Ends one of the user's sessions; false if it is not theirs or already ended. */
export async function revokeSession(db: Executor, userId: string, sessionId: string, reason: RevokeReason) {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return rows.length > 0;
}

/** Ends every live session of the user, but `keep` (the caller's own) when given. Returns how many ended. */
export async function revokeSessions(db: Executor, userId: string, reason: RevokeReason, keep?: string) {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.revokedAt),
        keep ? ne(authSessions.id, keep) : undefined,
      ),
    )
    .returning({ id: authSessions.id });
  return rows.length;
}

export interface SessionSummary {
  id: string;
  method: string;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** Most sessions a list shows: a user with more (a script signing in in a loop) sees the newest. */
export const MAX_LISTED_SESSIONS = 50;

/** The user's live sessions, newest use first, the caller's own marked. */
export async function listSessions(db: Executor, userId: string, currentId: string | null): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      id: authSessions.id,
      method: authSessions.method,
      userAgent: authSessions.userAgent,
      ip: authSessions.ip,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
    })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.revokedAt),
        eq(authSessions.secondFactorPending, false),
        sql`${authSessions.expiresAt} > now()`,
      ),
    )
    .orderBy(desc(authSessions.lastSeenAt))
    .limit(MAX_LISTED_SESSIONS);
  return rows.map((row) => ({ ...row, current: row.id === currentId }));
}

/**
 * Whether the user has signed in before from a browser with this User-Agent (any session, ended or not). The first
 * session of an account is not "new": there is nothing to compare it with, and its owner just signed up.
 */
export async function isNewDevice(db: Executor, userId: string, userAgent: string, exceptId: string) {
  const [row] = await db
    .select({
      others: sql<number>`count(*)::int`,
      sameBrowser: sql<number>`count(*) filter (where ${authSessions.userAgent} = ${userAgent.slice(0, MAX_USER_AGENT)})::int`,
    })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), ne(authSessions.id, exceptId)));
  return !!row && row.others > 0 && row.sameBrowser === 0;
}
