/**
 * The answer of a successful sign-in or refresh, `{ token, record }`: the token names the session row, and the record
 * is the user's own, read through the engine as that user (users.get), so the users resource's field rules decide
 * what it shows and hidden columns (the password hash, two-factor secrets) never reach it.
 */
import type { Database } from "@/db/client";
import { resolveActor } from "@/server/auth/actor";
import { issuePocketBaseToken, type PocketBaseTokenClaims } from "@/server/auth/pocketbase-token";
import { pocketBaseRecordFromEngine } from "@/server/core/pocketbase/record";
import { isPlainObject, type JsonValue } from "@/server/core/rest/json-codecs";
import { resources } from "@/server/resources";
import { createCaller } from "@/server/router";
import { createContext } from "@/server/trpc";

export type AuthAnswer =
  | { ok: true; body: { token: string; record: JsonValue } }
  /** The new token is refused as any request carrying it would be (the user was blocked a moment ago, ...). */
  | { ok: false; refused: string };

/**
 * A fresh token for this session, and the user's record as that token's bearer sees it. The token is resolved like
 * any later request's (resolveActor), so what it opens is decided by the one check every request passes.
 */
export async function authAnswer(db: Database, claims: PocketBaseTokenClaims, headers: Headers): Promise<AuthAnswer> {
  const { token } = await issuePocketBaseToken(claims);
  const resolved = await resolveActor(db, new Headers({ authorization: token }));
  const { actor } = resolved;
  if (actor.kind !== "user" || actor.user.id !== claims.userId) {
    return { ok: false, refused: resolved.refused ?? "Failed to authenticate." };
  }
  // The request's own headers (its x-request-id), with the actor the token makes.
  const item = await createCaller(createContext({ db, headers, actor })).users.get({ id: actor.user.id });
  const record = pocketBaseRecordFromEngine(resources.users, resources, item);
  // PocketBase's auth records carry `verified`; its SDK reads it after confirmVerification.
  const verified = actor.user.emailVerifiedAt !== null && actor.user.emailVerifiedAt !== undefined;
  return { ok: true, body: { token, record: isPlainObject(record) ? { ...record, verified } : record } };
}
