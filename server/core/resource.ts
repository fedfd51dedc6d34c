/**
 * `defineResource`: a Drizzle table plus what the app wants to say about it. Everything the engine generates
 * (router, validation, `meta`, and the types of all of it) is derived from this one value.
 */
import { getTableColumns, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { AccessRules } from "./access";
import { actionProblems } from "./actions/checks";
import {
  type ActionBuilder,
  type ActionMap,
  type ActionRecord,
  type AnyActionBuilder,
  buildAction,
} from "./actions/define";
import { DefinitionError, definitionProblems } from "./definition-checks";
import type { KnownFields, KnownRelationKeys, SoftDeleteKey } from "./definition-checks-types";
import type { FieldConfig } from "./fields";
import type { StoredFile } from "./files/column";
import type { ResourceHooks } from "./hooks";
import type { ResourceIconName } from "./icons";
import type { RegisteredResources } from "./registry";
import type { RelationDef } from "./relations";
import { DEFAULT_COUNT_CAP } from "./totals";

type Row<T extends PgTable> = InferSelectModel<T>;
export type ColumnKey<T extends PgTable> = keyof Row<T> & string;

export type FieldsConfig<T extends PgTable> = { [K in ColumnKey<T>]?: FieldConfig<Row<T>, Row<T>[K]> };

export interface ListConfig<T extends PgTable> {
  /** e.g. ["-createdAt"]; the primary key is always appended as a tie-breaker so pages are stable. */
  defaultSort?: `${"" | "-"}${ColumnKey<T>}`[];
  defaultPerPage?: number;
  maxPerPage?: number;
  /** Largest createMany / updateMany / deleteMany. */
  maxBatch?: number;
  /**
   * Rows a list counts for its total before it answers the planner's estimate instead (flagged `totalEstimated`);
   * default DEFAULT_COUNT_CAP (10,000). `totals: "exact"` counts them all.
   */
  countCap?: number;
}

/** The procedures every resource router has (server/core/router.ts checks it serves exactly these). */
export const RESOURCE_PROCEDURES = [
  "meta",
  "list",
  "get",
  "create",
  "update",
  "delete",
  "createMany",
  "updateMany",
  "deleteMany",
  "restore",
  "restoreMany",
  "purge",
  "history",
  "revert",
  "onChange",
  "availableActions",
] as const;
export type ResourceProcedure = (typeof RESOURCE_PROCEDURES)[number];

/** At most `limit` calls per `windowSeconds`, per caller (the signed-in user, else the client IP). */
export interface RateLimitSpec {
  limit: number;
  windowSeconds: number;
}

/**
 * Per-procedure limits, on top of the API-wide ones (API_RATE_LIMIT_PER_IP / _PER_USER), which still apply: a
 * definition can make an operation stricter, e.g. `{ create: { limit: 20, windowSeconds: 60 } }`. A batched call
 * counts once per call it holds.
 */
export type RateLimitConfig = Partial<Record<ResourceProcedure, RateLimitSpec>>;

/** What a definition and the resource it makes have in common: everything but `actions`. */
export interface ResourceBase<
  T extends PgTable,
  F extends FieldsConfig<T>,
  R extends Record<string, RelationDef>,
  S extends ColumnKey<T> | undefined,
> {
  table: T;
  /** Singular and plural labels for UIs. */
  label?: { one: string; many: string };
  /** A lucide icon for the admin (sidebar, dashboard, titles); default: guessed from the name (see icons.ts). */
  icon?: ResourceIconName;
  /** The field that names a record in pickers, titles and relation columns. */
  titleField: ColumnKey<T>;
  /** A nullable timestamp column; when set, delete marks the row instead of removing it (see SoftDeleteKey). */
  softDelete?: S;
  fields?: F;
  relations?: R;
  list?: ListConfig<T>;
  hooks?: ResourceHooks<T>;
  /** Per-operation access rules; an operation without one is open to admins only (see access.ts). */
  access?: AccessRules<T>;
  /** Per-procedure rate limits, stricter than the API-wide ones (see RateLimitConfig). */
  rateLimit?: RateLimitConfig;
}

export interface ResourceConfig<
  T extends PgTable,
  F extends FieldsConfig<T>,
  R extends Record<string, RelationDef>,
  S extends ColumnKey<T> | undefined,
  A extends ActionMap = Record<never, never>,
> extends ResourceBase<T, F, R, S> {
  /**
   * Custom actions (docs/actions.md), as a function of the `action` builder typed for this table:
   * `(action) => ({ publish: action({ record: true, access, run: ({ record, update }) => ... }) })`.
   */
  // NoInfer: the table and fields are inferred from `table` and `fields` alone (a spread resource's `actions` carries
  // its own, which must not compete). A method, so its parameter compares bivariantly: every resource, whatever its
  // table, is still an AnyResource.
  actions?(action: ActionBuilder<NoInfer<T>, ActionRecord<NoInfer<T>, NoInfer<F>>>): A;
}

export interface Resource<
  N extends string = string,
  T extends PgTable = PgTable,
  F extends FieldsConfig<T> = FieldsConfig<T>,
  R extends Record<string, RelationDef> = Record<string, RelationDef>,
  S extends ColumnKey<T> | undefined = ColumnKey<T> | undefined,
  A extends ActionMap = ActionMap,
> extends ResourceBase<T, F, R, S> {
  name: N;
  /** Runtime facts computed once from the table and the config. */
  info: ResourceInfo;
  /** The custom actions `actions` declares, by name (each is a procedure too: `posts.publish`). */
  actionDefinitions: A;
  /**
   * The definition's builder, kept so that `defineResource("posts", { ...postsResource, access })` defines them
   * again. Its parameter is `never` here: the resource type must not depend on how the builder was typed.
   */
  actions?(action: never): A;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest resource type; every concrete resource is assignable to it.
export type AnyResource = Resource<string, any, any, any, any, any>;

export interface ResourceInfo {
  columns: Record<string, PgColumn>;
  idKey: string;
  readKeys: string[];
  createKeys: string[];
  updateKeys: string[];
  filterKeys: string[];
  sortKeys: string[];
  searchKeys: string[];
  /** Fields with a per-row read rule, a write rule, or a server-set default on create. */
  readRuleKeys: string[];
  writeRuleKeys: string[];
  defaultKeys: string[];
  /** Names of manyToMany relations that create and update accept as id lists. */
  linkKeys: string[];
  defaultSort: string[];
  defaultPerPage: number;
  maxPerPage: number;
  maxBatch: number;
  countCap: number;
}

/** Keys the engine manages itself unless a field says otherwise. */
type ManagedKey = "id" | "createdAt" | "updatedAt";
const MANAGED = new Set<string>(["createdAt", "updatedAt"]);

type Off<F, K extends PropertyKey, Flag extends keyof FieldConfig> = K extends keyof F
  ? F[K] extends { hidden: true }
    ? true
    : F[K] extends Record<Flag, false>
      ? true
      : false
  : false;
type On<F, K extends PropertyKey, Flag extends keyof FieldConfig> = K extends keyof F
  ? F[K] extends Record<Flag, true>
    ? true
    : false
  : false;

export type ReadKeys<Res extends AnyResource> = {
  [K in ColumnKey<Res["table"]>]: Off<FieldsOf<Res>, K, "readable"> extends true ? never : K;
}[ColumnKey<Res["table"]>];

type CreateKeyOf<Res extends AnyResource, K extends string> =
  Off<FieldsOf<Res>, K, "creatable"> extends true
    ? never
    : K extends ManagedKey | NonNullable<Res["softDelete"]>
      ? On<FieldsOf<Res>, K, "creatable"> extends true
        ? K
        : never
      : K;

export type CreateKeys<Res extends AnyResource> = {
  [K in ColumnKey<Res["table"]>]: CreateKeyOf<Res, K>;
}[ColumnKey<Res["table"]>];

export type UpdateKeys<Res extends AnyResource> = {
  [K in ColumnKey<Res["table"]>]: Off<FieldsOf<Res>, K, "updatable"> extends true
    ? never
    : On<FieldsOf<Res>, K, "updatable"> extends true
      ? K
      : K extends CreateKeys<Res>
        ? K
        : never;
}[ColumnKey<Res["table"]>];

type TargetOf<D> = D extends { target: infer N extends keyof RegisteredResources } ? RegisteredResources[N] : never;

/** What an expanded relation holds, as the reader sees it. */
type RelationValue<D> = D extends { kind: "belongsTo" }
  ? ReadRecord<TargetOf<D>> | null
  : D extends { kind: "hasCount" }
    ? number
    : ReadRecord<TargetOf<D>>[];

export type FieldsOf<Res extends AnyResource> = NonNullable<Res["fields"]>;

/** Keys whose field config has `access.read`: present only where the rule lets the reader see them. */
type ReadRuleKeys<Res extends AnyResource> = {
  [K in keyof FieldsOf<Res>]: FieldsOf<Res>[K] extends { access: { read: object } } ? K : never;
}[keyof FieldsOf<Res>];

/** Keys the server fills in on create when the input leaves them out. */
type DefaultKeys<Res extends AnyResource> = {
  [K in keyof FieldsOf<Res>]: FieldsOf<Res>[K] extends { defaultValue: (...args: never[]) => unknown } ? K : never;
}[keyof FieldsOf<Res>];
export type RelationsOf<Res extends AnyResource> = NonNullable<Res["relations"]>;

export type ExpandOf<Res extends AnyResource> = {
  [K in keyof RelationsOf<Res>]?: RelationValue<RelationsOf<Res>[K]>;
};

/** A record as returned by list and get: readable columns, plus the relations the caller asked to expand. */
export type ReadRecord<Res extends AnyResource> = Pick<Row<Res["table"]>, Exclude<ReadKeys<Res>, ReadRuleKeys<Res>>> &
  Partial<Pick<Row<Res["table"]>, Extract<ReadKeys<Res>, ReadRuleKeys<Res>>>> & {
    expand?: ExpandOf<Res>;
  };

/** Writable manyToMany relations: set as a list of target ids under the relation's name. */
export type LinkInput<Res extends AnyResource> = {
  -readonly [K in keyof RelationsOf<Res> as RelationsOf<Res>[K] extends { kind: "manyToMany"; writable?: true }
    ? K
    : never]?: TargetId<RelationsOf<Res>[K]>[];
};
type TargetId<D> = Row<TargetOf<D>["table"]> extends { id: infer I } ? I : string;

/**
 * What a file column takes on the way in: a file's id, or its descriptor as read (only the id counts: the engine
 * takes the rest from the `files` ledger). Columns holding descriptors are file columns by their type.
 */
export type FileRef = string | (Partial<StoredFile> & { id: string });
type FileInputs<T> = {
  [K in keyof T]: NonNullable<T[K]> extends StoredFile[]
    ? FileRef[] | Exclude<T[K], StoredFile[]>
    : NonNullable<T[K]> extends StoredFile
      ? FileRef | Exclude<T[K], StoredFile>
      : T[K];
};

type Insert<Res extends AnyResource> = FileInputs<InferInsertModel<Res["table"]>>;
export type CreateInput<Res extends AnyResource> = Pick<Insert<Res>, Exclude<CreateKeys<Res>, DefaultKeys<Res>>> &
  Partial<Pick<Insert<Res>, Extract<CreateKeys<Res>, DefaultKeys<Res>>>> &
  LinkInput<Res>;
export type UpdateInput<Res extends AnyResource> = Partial<Pick<Insert<Res>, UpdateKeys<Res>>> & LinkInput<Res>;

/** A limit that cannot work (0 calls, a window of a fraction of a second, a day or more) is a typo: say so at start. */
function rateLimitProblems(name: string, config: RateLimitConfig | undefined): string[] {
  const problems: string[] = [];
  for (const [procedure, spec] of Object.entries(config ?? {})) {
    if (!(RESOURCE_PROCEDURES as readonly string[]).includes(procedure)) {
      problems.push(`rateLimit.${procedure} names no procedure (procedures: ${RESOURCE_PROCEDURES.join(", ")})`);
      continue;
    }
    const { limit, windowSeconds } = spec ?? {};
    if (!Number.isInteger(limit) || (limit ?? 0) < 1)
      problems.push(`rateLimit.${procedure}.limit must be a positive integer`);
    if (!Number.isInteger(windowSeconds) || (windowSeconds ?? 0) < 1 || (windowSeconds ?? 0) > 86_400) {
      problems.push(`rateLimit.${procedure}.windowSeconds must be an integer from 1 to 86400`);
    }
  }
  return problems.map((p) => `resource "${name}": ${p}`);
}

function flag(config: FieldConfig | undefined, name: keyof FieldConfig, fallback: boolean): boolean {
  if (config?.hidden) return false;
  const value = config?.[name];
  return typeof value === "boolean" ? value : fallback;
}

/**
 * What defineResource accepts: the config, where an unknown `fields` key or a belongsTo `field` that is not a column
 * is a type error whose message names it (definition-checks-types.ts).
 */
export type ResourceDefinition<
  N extends string,
  T extends PgTable,
  F extends FieldsConfig<T>,
  R extends Record<string, RelationDef>,
  S extends ColumnKey<T> | undefined,
  A extends ActionMap = Record<never, never>,
> = ResourceConfig<T, F, R, S, A> & { fields?: KnownFields<N, T, F>; relations?: KnownRelationKeys<N, T, R> };

/**
 * Defines a resource, and checks the definition against its table at once: a wrong key throws here, naming the
 * resource and the key, so a bad definition stops the server at start (server/boot.ts) instead of failing requests.
 */
export function defineResource<
  const N extends string,
  T extends PgTable,
  const F extends FieldsConfig<T> = Record<never, never>,
  const R extends Record<string, RelationDef> = Record<never, never>,
  const S extends SoftDeleteKey<T> | undefined = undefined,
  A extends ActionMap = Record<never, never>,
>(name: N, config: ResourceDefinition<N, T, F, R, S, A>): Resource<N, T, F, R, S, A> {
  const columns = getTableColumns(config.table) as Record<string, PgColumn>;
  // The builder is typed per table where the definition is written; here it is the one runtime builder.
  const makeActions = config.actions as ((action: AnyActionBuilder) => A) | undefined;
  const actionDefinitions = makeActions ? makeActions(buildAction) : ({} as A);
  const problems = [
    ...definitionProblems(name, config),
    ...rateLimitProblems(name, config.rateLimit),
    ...actionProblems(name, actionDefinitions, RESOURCE_PROCEDURES),
  ];
  if (problems.length > 0) throw new DefinitionError(problems);
  const fields = (config.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const keys = Object.keys(columns);
  const idKey = keys.find((k) => columns[k]?.primary) as string;
  const managed = (k: string) => k === idKey || MANAGED.has(k) || k === config.softDelete;
  const readKeys = keys.filter((k) => flag(fields[k], "readable", true));
  const createKeys = keys.filter((k) => flag(fields[k], "creatable", !managed(k)));
  const updateKeys = keys.filter((k) => flag(fields[k], "updatable", createKeys.includes(k)));
  const textual = (k: string) => columns[k]?.dataType === "string" && columns[k]?.columnType !== "PgUUID";
  const info: ResourceInfo = {
    columns,
    idKey,
    readKeys,
    createKeys,
    updateKeys,
    filterKeys: keys.filter((k) => flag(fields[k], "filterable", false)),
    sortKeys: keys.filter((k) => flag(fields[k], "sortable", false)),
    searchKeys: keys.filter((k) => flag(fields[k], "searchable", false) && textual(k)),
    readRuleKeys: keys.filter((k) => fields[k]?.access?.read && !fields[k]?.hidden),
    writeRuleKeys: keys.filter((k) => fields[k]?.access?.write),
    defaultKeys: keys.filter((k) => fields[k]?.defaultValue),
    linkKeys: Object.entries((config.relations ?? {}) as Record<string, RelationDef>)
      .filter(([, rel]) => rel.kind === "manyToMany" && rel.writable)
      .map(([name]) => name),
    defaultSort: config.list?.defaultSort ?? [`-${idKey}`],
    defaultPerPage: config.list?.defaultPerPage ?? 20,
    maxPerPage: config.list?.maxPerPage ?? 100,
    maxBatch: config.list?.maxBatch ?? 100,
    countCap: config.list?.countCap ?? DEFAULT_COUNT_CAP,
  };
  return { ...config, name, info, actionDefinitions };
}
