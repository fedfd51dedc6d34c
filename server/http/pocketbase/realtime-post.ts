/**
 * `POST /api/realtime` `{ clientId, subscriptions }`: replaces the client's topics and binds it to the caller, as
 * PocketBase does. Refusals, each with nothing changed: 401 for credentials that are recognised but unusable (an
 * expired or revoked token, a blocked account: PocketBase would quietly treat the caller as a guest, which would
 * leave a signed-in app subscribed as nobody), 400 naming `clientId`, `subscriptions` or `subscriptions.<i>`, 404
 * for a client no instance holds, 400 for a request from another address than the stream's, and 403 when a client
 * bound to one user is posted to by another caller (a guest may sign in; nobody may switch users or sign out).
 */
import type { Database } from "@/db/client";
import type { ActorResolution } from "@/server/auth/actor";
import { clientIp } from "@/server/auth/client-ip";
import { userOf } from "@/server/core/actor";
import { inspectInput } from "@/server/core/wire";
import { type PocketBaseErrorData, pocketBaseError, pocketBaseFieldErrors } from "./errors";
import { MAX_CLIENT_ID_LENGTH, MAX_TOPICS_PER_CLIENT } from "./realtime-config";
import type { RealtimeHub } from "./realtime-hub";
import { storeSubscriptions } from "./realtime-store";
import { type Registry, readTopic, type Topic } from "./realtime-topics";

const CLIENT_ID = /^[A-Za-z0-9]+$/;

export async function setSubscriptions(
  req: Request,
  caller: ActorResolution,
  context: { db: Database; hub: RealtimeHub; registry: Registry },
): Promise<Response> {
  if (caller.refused) return pocketBaseError(401, caller.refused);
  const body = await readBody(req);
  if ("error" in body) return body.error;
  const { actor } = caller;
  const { clientId, subscriptions } = body.value;

  const data: PocketBaseErrorData = {};
  if (typeof clientId !== "string" || clientId.length === 0)
    data.clientId = invalid("Send the clientId of PB_CONNECT.");
  else if (clientId.length > MAX_CLIENT_ID_LENGTH) {
    data.clientId = invalid(`The clientId must be at most ${MAX_CLIENT_ID_LENGTH} characters.`);
  }
  const list = subscriptions ?? [];
  const topics: Topic[] = [];
  if (!Array.isArray(list)) data.subscriptions = invalid("The subscriptions must be a list of topics.");
  else if (list.length > MAX_TOPICS_PER_CLIENT) {
    data.subscriptions = invalid(
      `A client may hold at most ${MAX_TOPICS_PER_CLIENT} topics; this asks for ${list.length}.`,
    );
  } else {
    const now = new Date();
    for (const [i, raw] of list.entries()) {
      const read = readTopic(raw, context.registry, actor, now);
      if (!read.ok) data[`subscriptions.${i}`] = invalid(`Topic ${i + 1} ${read.message}.`);
      else if (read.topic && !topics.some((topic) => topic.name === read.topic?.name)) topics.push(read.topic);
    }
  }
  const problems = Object.entries(data);
  if (problems.length > 0) {
    const [field, first] = problems[0] as [string, { message: string }];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    return pocketBaseError(400, `${field}: ${first.message}${more}`, data);
  }
  const id = clientId as string;
  if (!CLIENT_ID.test(id)) return unknownClient();

  const { db, hub } = context;
  // PB_CONNECT is the SDK's own listener: stored as sent (the client may post it again), never subscribed to.
  const names = [...new Set((list as string[]).filter((raw) => typeof raw === "string"))];
  const outcome = await storeSubscriptions(
    db,
    { id, ip: clientIp(req.headers), userId: userOf(actor)?.id ?? null, subscriptions: names },
    (instance) => instance === hub.instance && !hub.local(id),
  );
  if (!outcome.ok) {
    if (outcome.reason === "unknown") return unknownClient();
    if (outcome.reason === "address") return pocketBaseError(400, "Invalid realtime client.");
    return pocketBaseError(403, "The current and the previous request authorization don't match.");
  }
  // The stream is here: applied before the answer, so what the client stopped following sends nothing after the
  // 204. A stream on another instance applies the stored version when the NOTIFY reaches it (realtime-hub.ts).
  const { version, fromSeq } = outcome.stored;
  await hub.local(id)?.apply({ version, actor, topics, fromSeq });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

function unknownClient(): Response {
  return pocketBaseError(404, "Missing or invalid client id.");
}

function invalid(message: string) {
  return { code: "validation_invalid_value", message };
}

type Body = { value: { clientId?: unknown; subscriptions?: unknown } } | { error: Response };

/** The JSON object the SDK sends; anything else is a 400 saying what to send. */
async function readBody(req: Request): Promise<Body> {
  const type = req.headers.get("content-type") ?? "";
  if (type !== "" && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return { error: pocketBaseError(400, "Send the body as JSON (Content-Type: application/json).") };
  }
  let value: unknown;
  try {
    value = JSON.parse(await req.text());
  } catch {
    return { error: pocketBaseError(400, "The body is not valid JSON: send { clientId, subscriptions }.") };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: pocketBaseError(400, "The body must be a JSON object: { clientId, subscriptions }.") };
  }
  const problems = inspectInput(value);
  if (problems) {
    const data = pocketBaseFieldErrors(problems.toObject());
    return { error: pocketBaseError(400, Object.values(data)[0]?.message ?? "The body is invalid.", data) };
  }
  return { value: value as { clientId?: unknown; subscriptions?: unknown } };
}
