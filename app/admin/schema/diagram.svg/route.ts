/**
 * `GET /admin/schema/diagram.svg`: the schema diagram as a file to download. Admins only, by session or API token:
 * 401 for anyone else not signed in, 403 for a signed-in non-admin. Route handlers sit outside the admin layout's
 * gate, so the check is here. The file has no scripts; the policy below also forbids it to load or run anything
 * should a browser open it in place.
 */
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { resolveActor } from "@/server/auth/actor";
import { appSchemaDiagram } from "../app-diagram";

export const dynamic = "force-dynamic";

const PRIVATE = { "cache-control": "private, no-store" };

const refuse = (status: number, message: string) => Response.json({ error: { message } }, { status, headers: PRIVATE });

export async function GET(req: Request): Promise<Response> {
  try {
    const { actor, refused } = await resolveActor(getDb(), req.headers);
    if (actor.kind !== "user") return refuse(401, refused ?? "Sign in as an admin to download the schema diagram.");
    if (actor.user.role !== "admin") return refuse(403, "The schema diagram is for admins.");
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return Response.json(
      { error: { message: "The database is not answering; try again in a moment." } },
      { status: 503, headers: { ...PRIVATE, "retry-after": "5" } },
    );
  }
  return new Response(appSchemaDiagram().svg("file"), {
    headers: {
      ...PRIVATE,
      "content-type": "image/svg+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="schema.svg"',
      // Styles inline in the file, and nothing else: no scripts, no fetches, no frames, no forms, no plugins.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "x-content-type-options": "nosniff",
    },
  });
}
