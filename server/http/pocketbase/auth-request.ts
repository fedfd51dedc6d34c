/** What each PocketBase auth endpoint receives (auth.ts builds it once per request). */
import type { Database } from "@/db/client";
import type { ActorResolution } from "@/server/auth/actor";
import type { JsonValue } from "@/server/core/rest/json-codecs";

export interface AuthRequest {
  req: Request;
  db: Database;
  /** A 200 JSON answer, with the request's `fields` parameter applied, as PocketBase applies it to every answer. */
  json: (body: JsonValue) => Response;
  /** Who the gate found calling (resolved from this request's headers), or null when that is not known. */
  caller: ActorResolution | null;
}
