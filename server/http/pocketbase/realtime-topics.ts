/**
 * PocketBase's realtime topics, read and checked: `<collection>/*` (every record the caller may list),
 * `<collection>/<id>` (one record), `<collection>` alone (PocketBase's deprecated spelling of `/*`), each optionally
 * with `?options=<JSON>` as the SDK appends it (`{"query":{"filter":"...","fields":"..."},"headers":{...}}`).
 * `filter` and `fields` apply as on a list; `expand` is refused (live records carry none); other query keys and the
 * headers are accepted and ignored (Atrium's rules read neither). `PB_CONNECT` is the SDK's own client-side event:
 * accepted, never sent anything. Everything else is refused with a sentence, never half-read.
 */
import { TRPCError } from "@trpc/server";
import { ruleArgs, ruleFor } from "@/server/core/access";
import type { Actor } from "@/server/core/actor";
import { zodFieldErrors } from "@/server/core/errors";
import type { FilterNode } from "@/server/core/filter";
import { type FieldsTree, PocketBaseFieldsError, parseFields } from "@/server/core/pocketbase/fields";
import { PocketBaseFilterError, quoteForMessage } from "@/server/core/pocketbase/filter-error";
import { parsePocketBaseFilter } from "@/server/core/pocketbase/filter-translate";
import { pocketBaseTarget } from "@/server/core/pocketbase/record";
import { assertQueryableFields } from "@/server/core/query-access";
import { parseRecordId } from "@/server/core/realtime/audience";
import { liveInputSchema } from "@/server/core/realtime/input";
import type { AnyResource } from "@/server/core/resource";
import { MAX_TOPIC_LENGTH } from "./realtime-config";

export type Registry = Record<string, AnyResource>;

/** One subscription, ready to become a live feed. */
export interface Topic {
  /** Exactly as the client sent it: the SSE event name its messages carry, which the SDK listens by. */
  name: string;
  resource: AnyResource;
  /** One record; undefined for the whole collection. */
  id?: string | number;
  filter?: FilterNode;
  /** `fields` as sent and as parsed: messages keep only these keys. */
  fields?: { text: string; tree: FieldsTree };
  /**
   * The caller's `list` rule refuses them outright: accepted, as PocketBase accepts it, and sent nothing, as
   * PocketBase sends nothing a rule hides.
   */
  silent: boolean;
}

export type TopicRead = { ok: true; topic: Topic | null } | { ok: false; message: string };

/** The SDK's connect event: a listener on the client, never a server-side subscription. */
const CLIENT_ONLY = "PB_CONNECT";
const PATH = /^([A-Za-z_][A-Za-z0-9_]{0,99})(?:\/(.+))?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a topic may not hold.
const CONTROL = /[\u0000-\u001f\u007f]/;

const refuse = (message: string): TopicRead => ({ ok: false, message });

/** A topic for this caller (null for `PB_CONNECT`), or why it is refused. */
export function readTopic(raw: unknown, registry: Registry, actor: Actor, now = new Date()): TopicRead {
  if (typeof raw !== "string") return refuse("must be a text topic");
  if (raw.length === 0) return refuse("must not be empty");
  if (raw.length > MAX_TOPIC_LENGTH) return refuse(`must be at most ${MAX_TOPIC_LENGTH} characters`);
  // The topic becomes an SSE `event:` line: a line break in it would forge fields of the stream.
  if (CONTROL.test(raw)) return refuse("must not contain control characters or line breaks");
  if (raw === CLIENT_ONLY) return { ok: true, topic: null };
  const mark = raw.indexOf("?");
  const path = mark < 0 ? raw : raw.slice(0, mark);
  const match = PATH.exec(path);
  const name = match?.[1];
  if (!match || name === undefined) {
    return refuse("must be <collection>/* or <collection>/<id>, optionally with ?options=");
  }
  if (!Object.hasOwn(registry, name)) return refuse(`names no collection: ${quoteForMessage(name)}`);
  const resource = registry[name] as AnyResource;
  const options = readOptions(mark < 0 ? "" : raw.slice(mark + 1));
  if ("message" in options) return refuse(options.message);

  let filter: FilterNode | undefined;
  if (options.filter) {
    try {
      filter = parsePocketBaseFilter(options.filter, pocketBaseTarget(resource), { now });
    } catch (error) {
      if (error instanceof PocketBaseFilterError) return refuse(`has an invalid filter: ${error.message}`);
      throw error;
    }
  }
  let fields: Topic["fields"];
  if (options.fields) {
    try {
      fields = { text: options.fields, tree: parseFields(options.fields) };
    } catch (error) {
      if (error instanceof PocketBaseFieldsError) return refuse(`has invalid fields: the list ${error.message}`);
      throw error;
    }
  }
  const idText = match[2];
  const id = idText === undefined || idText === "*" ? undefined : parseRecordId(resource, idText);
  // The same schema `onChange` takes: the filter's fields, operators and values, and the id's type.
  const checked = liveInputSchema(resource).safeParse({
    ...(filter ? { filter } : {}),
    ...(id === undefined ? {} : { id }),
  });
  if (!checked.success) {
    const [key, messages] = Object.entries(zodFieldErrors(checked.error))[0] ?? ["", []];
    const what = key.startsWith("id") ? "has an invalid record id" : "has an invalid filter";
    return refuse(`${what}: ${messages[0] ?? "it is not valid"}`);
  }
  try {
    assertQueryableFields(resource, actor, { filter });
  } catch (error) {
    if (error instanceof TRPCError) return refuse(`has an invalid filter: ${error.message}`);
    throw error;
  }
  const silent = actor.kind !== "system" && ruleFor(resource.access, "list").allow(ruleArgs(actor)) === false;
  return {
    ok: true,
    topic: {
      name: raw,
      resource,
      ...(id === undefined ? {} : { id }),
      ...(filter ? { filter } : {}),
      ...(fields ? { fields } : {}),
      silent,
    },
  };
}

type Options = { filter?: string; fields?: string } | { message: string };

/** The `options` of a topic's query: the only parameter a topic takes, JSON as the SDK writes it. */
function readOptions(search: string): Options {
  if (search === "") return {};
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { message: "has a query that cannot be read" };
  }
  const keys = [...new Set(params.keys())];
  if (keys.some((key) => key !== "options") || params.getAll("options").length > 1) {
    return { message: "takes one query parameter, options" };
  }
  let options: unknown;
  try {
    options = JSON.parse(params.get("options") ?? "");
  } catch {
    return { message: "has options that are not valid JSON" };
  }
  if (options === null) return {};
  if (!isObject(options)) return { message: "has options that are not a JSON object" };
  const query = options.query ?? null;
  if (query !== null && !isObject(query)) return { message: "has options.query that is not an object" };
  const headers = options.headers ?? null;
  if (headers !== null && !isObject(headers)) return { message: "has options.headers that is not an object" };
  const read = (key: string): string | undefined | { message: string } => {
    const value = query && Object.hasOwn(query, key) ? query[key] : undefined;
    if (value === undefined || value === null || value === "") return undefined;
    return typeof value === "string" ? value : { message: `has options.query.${key} that is not text` };
  };
  const filter = read("filter");
  const fields = read("fields");
  const expand = read("expand");
  for (const value of [filter, fields, expand]) if (typeof value === "object") return value;
  if (expand !== undefined) return { message: "asks for expand, which realtime messages do not carry" };
  return {
    ...(typeof filter === "string" ? { filter } : {}),
    ...(typeof fields === "string" ? { fields } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
