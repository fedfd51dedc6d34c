/**
 * Test-only: a table with one column of every ordinary PostgreSQL type, a resource on it, and an HTTP client that
 * serves it through the real tRPC stack (superjson wire guard, procedures, middleware, error formatter) on a test
 * database. The table is created by the SQL below in each test database; it is in no migration and ships nowhere.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import fc from "fast-check";
import superjson from "superjson";
import type { TestDatabase } from "@/db/testing/test-db";
import { createContext } from "../trpc";
import { defineResource } from "./resource";
import { registryRouter } from "./router";

export const sampleMood = pgEnum("type_sample_mood", ["sad", "ok", "happy"]);

export const typeSamples = pgTable(
  "type_samples",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    code: varchar("code", { length: 8 }).unique(),
    count: integer("count"),
    big: bigint("big", { mode: "bigint" }),
    safeBig: bigint("safe_big", { mode: "number" }),
    small: smallint("small").notNull().default(0),
    ratio: real("ratio"),
    score: doublePrecision("score"),
    amount: numeric("amount", { precision: 8, scale: 2 }),
    anyNumeric: numeric("any_numeric"),
    active: boolean("active").notNull().default(true),
    day: date("day", { mode: "date" }),
    dayText: date("day_text"),
    at: timestamp("at", { withTimezone: true }),
    localAt: timestamp("local_at"),
    alarm: time("alarm"),
    ref: uuid("ref"),
    mood: sampleMood("mood").notNull().default("ok"),
    payload: jsonb("payload"),
    doc: json("doc"),
    labels: text("labels").array().notNull().default([]),
    numbers: integer("numbers").array(),
    moods: sampleMood("moods").array(),
    // Named like update's envelope (`{ id, data }`): its errors must still be reported on it.
    data: varchar("data", { length: 40 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // A rule no field rule states, so only the database can refuse it.
  (t) => [check("type_samples_small_not_13", sql`${t.small} <> 13`)],
);

/** The DDL of the table above, by hand: what a migration would hold. */
export const TYPE_SAMPLES_DDL = `
  create type type_sample_mood as enum ('sad', 'ok', 'happy');
  create table type_samples (
    id uuid primary key default gen_random_uuid(),
    title text not null,
    code varchar(8) unique,
    count integer,
    big bigint,
    safe_big bigint,
    small smallint not null default 0,
    ratio real,
    score double precision,
    amount numeric(8, 2),
    any_numeric numeric,
    active boolean not null default true,
    day date,
    day_text date,
    at timestamp with time zone,
    local_at timestamp,
    alarm time,
    ref uuid,
    mood type_sample_mood not null default 'ok',
    payload jsonb,
    doc json,
    labels text[] not null default '{}',
    numbers integer[],
    moods type_sample_mood[],
    data varchar(40),
    created_at timestamp with time zone not null default now(),
    updated_at timestamp with time zone not null default now(),
    constraint type_samples_small_not_13 check (small <> 13)
  );
`;

const on = { filterable: true, sortable: true } as const;
const filterOnly = { filterable: true } as const;

export const samplesResource = defineResource("samples", {
  table: typeSamples,
  label: { one: "Sample", many: "Samples" },
  titleField: "title",
  fields: {
    title: { ...on, searchable: true, rules: { maxLength: 200 } },
    code: on,
    count: on,
    big: on,
    safeBig: on,
    small: on,
    ratio: on,
    score: on,
    amount: { ...on, label: "Budget", rules: { min: 0 } },
    anyNumeric: on,
    active: on,
    day: on,
    dayText: on,
    at: on,
    localAt: on,
    alarm: on,
    ref: on,
    mood: { ...on, tones: { happy: "green" } },
    payload: filterOnly,
    doc: filterOnly,
    labels: { ...filterOnly, rules: { maxItems: 5, maxLength: 20 } },
    numbers: filterOnly,
    moods: filterOnly,
    data: on,
    createdAt: on,
  },
  list: { defaultSort: ["-createdAt"], maxPerPage: 500 },
});

export const sampleRegistry = { samples: samplesResource };

let codes = 0;

/**
 * Generated values kept clear of the table's own constraints, which are tested on their own: `code` is unique (a
 * counter, so no two generated rows collide; random hex did, since fast-check favours "00000000"), `small <> 13` is
 * a CHECK.
 */
export const OVERRIDES: Record<string, fc.Arbitrary<unknown>> = {
  code: fc.constant(null).map(() => `c${(++codes).toString(36).padStart(7, "0")}`),
  small: fc.integer({ min: -32_768, max: 32_767 }).filter((n) => n !== 13),
};

export async function createSamplesTable(t: TestDatabase): Promise<void> {
  await t.sql.unsafe(TYPE_SAMPLES_DDL);
}

export interface Answer {
  status: number;
  data: unknown;
  error?: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } };
}

/**
 * Calls `samples.<procedure>` over HTTP as the system actor: the input is serialised by superjson as a browser's
 * client would, and the answer is read back the same way.
 */
export function samplesClient(t: TestDatabase, registry: Parameters<typeof registryRouter>[0] = sampleRegistry) {
  const router = registryRouter(registry);
  return async function call(kind: "query" | "mutation", path: string, input: unknown): Promise<Answer> {
    const body = JSON.stringify(superjson.serialize(input));
    const url = `http://localhost/api/trpc/${path}`;
    const req =
      kind === "query"
        ? new Request(`${url}?input=${encodeURIComponent(body)}`)
        : new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router,
      createContext: () => createContext({ db: t.db, actor: { kind: "system", reason: "test" }, headers: req.headers }),
      onError: ({ error }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[samples] ${path}:`, error.cause ?? error);
      },
    });
    const envelope = (await res.json()) as { result?: { data: unknown }; error?: { json: Answer["error"] } };
    const data = envelope.result
      ? superjson.deserialize(envelope.result.data as Parameters<typeof superjson.deserialize>[0])
      : undefined;
    return { status: res.status, data, ...(envelope.error?.json ? { error: envelope.error.json } : {}) };
  };
}

/** A fingerprint of the table and the audit trail: equal before and after a refused call. */
export async function fingerprint(t: TestDatabase): Promise<string> {
  const [row] = await t.sql`
    select (select coalesce(md5(string_agg(s::text, '|' order by s.id)), '') from type_samples s) as rows,
           (select count(*)::text from audit_log) as audit`;
  return `${row?.rows}/${row?.audit}`;
}
