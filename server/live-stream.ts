/**
 * `GET /api/trpc/<resource>.onChange` served by the direct SSE writer (server/core/realtime/sse.ts) instead of tRPC's
 * generic one. Everything tRPC would check is checked the same way first (the input schema, refused credentials, the
 * `list` rule); anything unusual (bad input, a refused caller, connection params) returns undefined so tRPC answers
 * it, with its usual error shapes. The procedure in server/core/router.ts stays the definition: types, server
 * callers and tests use it.
 */
import superjson from "superjson";
import { getDb } from "@/db/client";
import { ruleArgs, ruleFor } from "./core/access";
import { liveInputSchema } from "./core/realtime/input";
import { liveStreamResponse } from "./core/realtime/sse";
import type { LiveParams } from "./core/realtime/subscribe";
import type { AnyResource } from "./core/resource";
import { resources } from "./resources";
import { createRequestContext } from "./trpc";

const PATH = /^\/api\/trpc\/([A-Za-z0-9_]+)\.onChange$/;

/** The input as tRPC's httpSubscriptionLink sends it (`?input=` superjson JSON), or undefined when unreadable. */
function readInput(url: URL): { ok: true; value: unknown } | { ok: false } {
  const raw = url.searchParams.get("input");
  if (raw === null) return { ok: true, value: undefined };
  try {
    return { ok: true, value: superjson.deserialize(JSON.parse(raw)) };
  } catch {
    return { ok: false };
  }
}

/** A live stream response, or undefined when tRPC should answer this request itself. */
export async function liveStream(req: Request): Promise<Response | undefined> {
  if (req.method !== "GET") return undefined;
  const url = new URL(req.url);
  const name = PATH.exec(url.pathname)?.[1];
  if (!name || !Object.hasOwn(resources, name) || url.searchParams.has("connectionParams")) return undefined;
  const resource: AnyResource = resources[name as keyof typeof resources];

  const read = readInput(url);
  if (!read.ok) return undefined;
  const parsed = liveInputSchema(resource).safeParse(read.value);
  if (!parsed.success) return undefined;
  const input = parsed.data as LiveParams;
  // EventSource resends the last id as a header on reconnect; tRPC gives it precedence over the input, as here.
  const lastEventId =
    req.headers.get("last-event-id") ??
    url.searchParams.get("lastEventId") ??
    url.searchParams.get("Last-Event-Id") ??
    input.lastEventId;

  const db = getDb();
  const ctx = await createRequestContext(db, req.headers);
  if (ctx.refused) return undefined;
  if (ctx.actor.kind !== "system" && ruleFor(resource.access, "list").allow(ruleArgs(ctx.actor)) === false) {
    return undefined;
  }
  return liveStreamResponse({
    db,
    resource,
    actor: ctx.actor,
    input: { ...input, lastEventId: lastEventId ?? null },
    signal: req.signal,
  });
}
