/**
 * The auth endpoints of the PocketBase-shaped API (docs/pocketbase.md, "Auth"): `/api/collections/users/<action>`,
 * so the unmodified `pocketbase` SDK signs in, refreshes its token, and asks for and uses reset and verification
 * mails, all through Atrium's own flows and limits. The route (collections.ts, behind app/api/collections) sends
 * every action in POCKETBASE_AUTH_ACTIONS through the gate (auth-gate.ts) to here and logs the request; this module
 * only answers it.
 *
 * Only `users` has auth; errors are PocketBase's `{ status, message, data }`.
 */
import { getDb } from "@/db/client";
import type { ActorResolution } from "@/server/auth/actor";
import { POCKETBASE_AUTH_COLLECTION } from "@/server/auth/pocketbase-token";
import { PocketBaseFieldsError, parseFields, pickFields } from "@/server/core/pocketbase/fields";
import type { JsonValue } from "@/server/core/rest/json-codecs";
import {
  confirmPasswordReset,
  confirmVerification,
  requestPasswordResetMail,
  requestVerificationMail,
} from "./auth-mail";
import { authMethods } from "./auth-methods";
import { authRefresh, authWithPassword } from "./auth-password";
import type { AuthRequest } from "./auth-request";
import { pocketBaseError, pocketBaseJson, pocketBaseUnavailable } from "./errors";

interface Endpoint {
  method: "GET" | "POST";
  run: (request: AuthRequest) => Promise<Response> | Response;
}

const ENDPOINTS = {
  "auth-methods": { method: "GET", run: authMethods },
  "auth-with-password": { method: "POST", run: authWithPassword },
  "auth-refresh": { method: "POST", run: authRefresh },
  "request-password-reset": { method: "POST", run: requestPasswordResetMail },
  "confirm-password-reset": { method: "POST", run: confirmPasswordReset },
  "request-verification": { method: "POST", run: requestVerificationMail },
  "confirm-verification": { method: "POST", run: confirmVerification },
} satisfies Record<string, Endpoint>;

export type PocketBaseAuthAction = keyof typeof ENDPOINTS;

/** The actions the route sends to `pocketBaseAuth`, for any collection (a collection without auth gets a 404 here). */
export const POCKETBASE_AUTH_ACTIONS: ReadonlySet<string> = new Set(Object.keys(ENDPOINTS));

function endpointOf(action: string): Endpoint | undefined {
  return Object.hasOwn(ENDPOINTS, action) ? ENDPOINTS[action as PocketBaseAuthAction] : undefined;
}

/** `caller` is who the gate found calling, or null when it is not known (then whoever needs it asks again). */
export async function pocketBaseAuth(
  req: Request,
  collection: string,
  action: string,
  caller: ActorResolution | null = null,
): Promise<Response> {
  const endpoint = endpointOf(action);
  if (!endpoint) return pocketBaseError(404, "The requested resource wasn't found.");
  if (collection !== POCKETBASE_AUTH_COLLECTION) {
    return pocketBaseError(404, "Missing or invalid auth collection context.");
  }
  if (req.method !== endpoint.method) {
    return pocketBaseError(405, `Use ${endpoint.method} for ${action}.`, {}, { allow: endpoint.method });
  }
  const fields = new URL(req.url).searchParams.getAll("fields");
  if (fields.length > 1) {
    return pocketBaseError(400, "Invalid fields parameter.", {
      fields: { code: "validation_invalid_value", message: "Give fields once, with the names joined by commas." },
    });
  }
  let json: (body: JsonValue) => Response;
  try {
    const tree = fields[0] ? parseFields(fields[0]) : null;
    json = (body) => pocketBaseJson(200, tree ? pickFields(body, tree, false) : body);
  } catch (error) {
    if (!(error instanceof PocketBaseFieldsError)) throw error;
    return pocketBaseError(400, "Invalid fields parameter.", {
      fields: { code: "validation_invalid_value", message: `fields ${error.message}.` },
    });
  }
  try {
    return await endpoint.run({ req, db: getDb(), json, caller });
  } catch (error) {
    // The database is down (or went down mid-request): a 503 saying when to retry, as every other API answers it.
    return pocketBaseUnavailable(error);
  }
}
