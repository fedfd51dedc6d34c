/**
 * `GET /api/trpc/<resource>.onChange` served by the direct SSE writer (server/core/realtime/sse.ts) instead of tRPC's
 * generic one. Everything tRPC would check is checked the same way first (the input schema, refused credentials, the
 * `list` rule). Bad input is answered here with a 400 in tRPC's error shape; anything else unusual (a refused caller,
 * connection params) returns undefined so tRPC answers it, with its usual error shapes. The procedure in server/core/router.ts stays the definition: types, server
 * callers and tests use it.
 */
import { TRPCError } from "@trpc/server";
import { getDb } from "@/db/client";
import { ruleArgs, ruleFor } from "./core/access";
import { FieldError, type FieldErrors, summarizeFieldErrors, zodFieldErrors } from "./core/errors";
import { assertQueryableFields } from "./core/query-access";
import { liveInputSchema } from "./core/realtime/input";
import { liveStreamResponse } from "./core/realtime/sse";
import type { LiveParams } from "./core/realtime/subscribe";
import type { AnyResource } from "./core/resource";
import { decodeInput } from "./core/wire";
import { refusal } from "./http/refusal";
import { resources } from "./resources";
import { createRequestContext } from "./trpc";

const PATH = /^\/api\/trpc\/([A-Za-z0-9_]+)\.onChange$/;

/** The refusal of a subscription's input: a 400 in tRPC's error shape (the gate's), before any stream opens. */
function refuseInput(path: string, fieldErrors: FieldErrors, message: string): Response {
  return refusal(400, "BAD_REQUEST", message, { path, fieldErrors });
}

/**
 * The input as tRPC's httpSubscriptionLink sends it (`?input=` superjson JSON), decoded by the same guard tRPC
 * applies (NUL, `__proto__`, malformed meta), or the 400 that refuses it.
 */
function readInput(url: URL, path: string): { ok: true; value: unknown } | { ok: false; response: Response } {
  const raw = url.searchParams.get("input");
  if (raw === null) return { ok: true, value: undefined };
  try {
    return { ok: true, value: decodeInput(JSON.parse(raw)) };
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : undefined;
    if (cause instanceof FieldError)
      return { ok: false, response: refuseInput(path, cause.fieldErrors, cause.message) };
    const message = "The request could not be read: its input is not valid JSON.";
    return { ok: false, response: refuseInput(path, { _form: [message] }, message) };
  }
}

/** A live stream response, or undefined when tRPC should answer this request itself. */
/**
 * `release`, when given, is called once the stream this returns is over (its slot under the per-client cap), or at
 * once when this returns a refusal instead; when this returns undefined, the caller keeps it.
 */
export async function liveStream(req: Request, release?: () => void): Promise<Response | undefined> {
  if (req.method !== "GET") return undefined;
  const url = new URL(req.url);
  const name = PATH.exec(url.pathname)?.[1];
  if (!name || !Object.hasOwn(resources, name) || url.searchParams.has("connectionParams")) return undefined;
  const resource: AnyResource = resources[name as keyof typeof resources];
  const path = `${name}.onChange`;

  // Bad input is refused with a 400 here, not (as tRPC would) in an error event on a 200 stream: a client, a proxy
  // or a log sees the refusal as one.
  const read = readInput(url, path);
  if (!read.ok) {
    release?.();
    return read.response;
  }
  const parsed = liveInputSchema(resource).safeParse(read.value);
  if (!parsed.success) {
    release?.();
    const fieldErrors = zodFieldErrors(parsed.error);
    return refuseInput(path, fieldErrors, summarizeFieldErrors(fieldErrors));
  }
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
  // A filter on a field this caller may not read would tell, event by event, which records hold a value it cannot
  // see: the procedure refuses it, so it answers (with its 400 naming the field) instead of this stream.
  try {
    assertQueryableFields(resource, ctx.actor, { filter: input.filter });
  } catch {
    return undefined;
  }
  return liveStreamResponse({
    db,
    resource,
    actor: ctx.actor,
    input: { ...input, lastEventId: lastEventId ?? null },
    signal: req.signal,
    onClose: release,
  });
}
