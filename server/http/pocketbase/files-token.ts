/**
 * `POST /api/files/token` (docs/pocketbase.md, "Files"): PocketBase's `pb.files.getToken()`, answered
 * `{ token }` with an Atrium file token for the caller (server/core/files/token.ts: two minutes, its user read fresh
 * on use), which opens the caller's protected files as `?token=`. The caller is whoever the request's credentials
 * name: a session, an API token, or a PocketBase token in `Authorization`. It passes the gate of the other APIs
 * (Origin rule, CORS for ALLOWED_ORIGINS, the database's breaker, the API-wide rate limit counted as `files.token`,
 * as tRPC's `files.token` is), and every refusal is in PocketBase's shape.
 */
import "server-only";
import type { ActorResolution } from "@/server/auth/actor";
import { authSecret } from "@/server/auth/secret";
import { createFileToken } from "@/server/core/files/token";
import { createEndpointGate, noteCaller } from "../endpoint-gate";
import type { PocketBaseGateOptions } from "./auth-gate";
import { pocketBaseError, pocketBaseJson, pocketBaseUnavailable } from "./errors";
import { behindGate } from "./gate-refusal";

export const FILE_TOKEN_PATH = "/api/files/token";
const CALL = "files.token";

/** PocketBase's words for a request that needs a signed-in caller. */
const NEEDS_AUTH = "The request requires valid record authorization token.";

function answer(req: Request, caller: ActorResolution): Response {
  if (req.method !== "POST") return pocketBaseError(405, "Use POST to get a file token.", {}, { allow: "POST" });
  if (caller.refused) return pocketBaseError(401, caller.refused);
  if (caller.actor.kind !== "user") return pocketBaseError(401, NEEDS_AUTH);
  const { token } = createFileToken(caller.actor.user.id, authSecret());
  return pocketBaseJson(200, { token });
}

/** The handler of `POST /api/files/token`; create once per app instance, like its limiter. */
export function createFileTokenHandler(options: PocketBaseGateOptions = {}): (req: Request) => Promise<Response> {
  const resolve = noteCaller();
  // No resource procedure, so no registry: only the API-wide limit counts.
  const gate = createEndpointGate(
    { endpoint: FILE_TOKEN_PATH, calls: () => ({ paths: [CALL], batch: false }) },
    options,
  );
  return async (req) => {
    try {
      return await behindGate(gate, req, async (forward, caller) =>
        answer(forward, caller ?? (await resolve(forward.headers))),
      );
    } catch (error) {
      // The database went down after the gate's check (resolving the caller again): a 503 saying when to retry.
      return pocketBaseUnavailable(error);
    }
  };
}
