/**
 * The files routes' HTTP side (the engine's server/core/files does the work): who the caller is (session, API
 * token, or a file token in `?token=`), CSRF for uploads, and a 503 rather than a 500 while the database is down.
 */
import "server-only";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { env } from "@/env";
import { type ActorResolution, resolveActor, resolveFileTokenActor } from "@/server/auth/actor";
import { authSecret } from "@/server/auth/secret";
import { verifyFileToken } from "@/server/core/files/token";
import { logger } from "@/server/core/logging/logger";
import { noteFailure } from "@/server/core/logging/request-scope";
import { crossSiteRefusal } from "./origin";

/** The caller of a files request; a `?token=` that is not valid (expired, forged) is refused, not ignored. */
export async function fileCaller(req: Request): Promise<ActorResolution> {
  const token = new URL(req.url).searchParams.get("token");
  if (token !== null) {
    const userId = verifyFileToken(token, authSecret());
    if (!userId) return { actor: { kind: "anonymous" }, refused: "This file link has expired: open the file again." };
    return resolveFileTokenActor(getDb(), userId);
  }
  return resolveActor(getDb(), req.headers);
}

/**
 * The caller of an upload to uploadthing (app/api/uploadthing): refused from another site's page, as local uploads
 * are (they spend the caller's quota), else the session or an API token.
 */
export async function uploadthingCaller(req: Request): Promise<ActorResolution> {
  const foreign = crossSiteRefusal(req, env().ALLOWED_ORIGINS);
  if (foreign) return { actor: { kind: "anonymous" }, refused: foreign };
  return resolveActor(getDb(), req.headers);
}

/** A refusal from another site's page: uploads spend the victim's quota and disk, so they are writes like any other. */
export function uploadOriginRefusal(req: Request): Response | null {
  const refused = crossSiteRefusal(req, env().ALLOWED_ORIGINS);
  return refused ? Response.json({ error: { message: refused } }, { status: 403 }) : null;
}

/** Runs a files handler; the database being down is a 503 to retry, and nothing internal reaches the client. */
export async function answerFiles(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return Response.json(
        { error: { message: "The database is not answering; try again in a moment." } },
        { status: 503, headers: { "Retry-After": "5" } },
      );
    }
    noteFailure(error);
    logger("files").error({ err: error }, "request failed");
    return Response.json({ error: { message: "Something went wrong on our side." } }, { status: 500 });
  }
}
