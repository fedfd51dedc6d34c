/**
 * The serialisable description of a resource that generated UIs render from: fields with their types, labels,
 * rules and permissions flags, enum options, relation targets, list limits. No functions, no SQL.
 */
import { is, SQL } from "drizzle-orm";
import { type Operation, ruleArgs, ruleFor } from "./access";
import { type ActionDescriptor, describeActions } from "./actions/describe";
import type { Actor } from "./actor";
import { type FieldConfig, type FieldRules, fieldLabel, humanize, TONE_ORDER, type Tone, type Widget } from "./fields";
import { describeFileOptions, type FileDescriptor } from "./files/options";
import { defaultResourceIcon, type ResourceIconName } from "./icons";
import { mayQueryField } from "./query-access";
import type { RelationDef } from "./relations";
import type { AnyResource } from "./resource";
import { effectiveRules } from "./rules";
import { type ColumnFacts, fieldFacts, type ValueKind } from "./values";

export interface FieldDescriptor {
  name: string;
  type: ValueKind;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
  nullable: boolean;
  readable: boolean;
  creatable: boolean;
  updatable: boolean;
  filterable: boolean;
  sortable: boolean;
  searchable: boolean;
  /** What this caller may do with the field: set it on create, change it on update (before any per-row rule). */
  canCreate: boolean;
  canUpdate: boolean;
  /** The field has a per-row read rule, so some records may come without it. */
  readRestricted: boolean;
  /** The server fills it in on create when left out (e.g. the author is the caller). */
  serverDefault: boolean;
  /** The column's static default (`.default(true)`), which a create form starts from; SQL defaults are left out. */
  default?: unknown;
  /** Enums, and arrays of an enum: the values allowed. */
  options?: string[];
  /** Enums and enum arrays: the badge colour of every option (the definition's `tones`, else a stable default by position). */
  tones?: Record<string, Tone>;
  /** Arrays: the kind of each item (`options` lists an enum's values). */
  items?: ValueKind;
  /** Decimals (numeric(p, s)): digits in all and after the point. Absent for a numeric without limits. */
  precision?: number;
  scale?: number;
  rules?: FieldRules;
  /** For foreign keys: the resource this field points at, and the field that names its records. */
  relation?: { name: string; target: string; titleField: string };
  /** File fields: what they accept, how many, whether downloads need a caller, the thumbnail sizes. */
  file?: FileDescriptor;
}

export interface RelationDescriptor {
  name: string;
  kind: "belongsTo" | "hasMany" | "hasCount" | "manyToMany";
  target: string;
  titleField: string;
  field?: string;
  /** manyToMany relations the create and update inputs accept as a list of target ids, under the relation's name. */
  writable?: boolean;
}

/** Whether this caller may run each operation at all (true also when a rule limits it to some rows). */
export type Permissions = Record<Operation, boolean>;

export interface ResourceDescriptor {
  name: string;
  label: { one: string; many: string };
  icon: ResourceIconName;
  idField: string;
  titleField: string;
  softDelete: boolean;
  fields: FieldDescriptor[];
  relations: RelationDescriptor[];
  list: { defaultSort: string[]; defaultPerPage: number; maxPerPage: number; maxBatch: number };
  can: Permissions;
  /**
   * The custom actions (docs/actions.md): labels, input forms, confirmations, and whether this caller may run each.
   * Always served by `meta`; optional only for descriptors written by hand (fixtures, /dev pages).
   */
  actions?: ActionDescriptor[];
}

const OPERATIONS: Operation[] = [
  "list",
  "get",
  "create",
  "update",
  "delete",
  "readDeleted",
  "restore",
  "purge",
  "revert",
];

function defaultWidget(facts: ColumnFacts, isRelation: boolean, columnType: string): Widget {
  if (isRelation) return "relation";
  // A date column without a time of day gets a date picker, timestamps a date-and-time one.
  if (columnType === "PgDate" || columnType === "PgDateString") return "date";
  const byType: Record<ValueKind, Widget> = {
    uuid: "text",
    enum: "select",
    text: "text",
    integer: "number",
    bigint: "number",
    number: "number",
    decimal: "decimal",
    boolean: "switch",
    date: "datetime",
    time: "time",
    json: "json",
    array: "tags",
    file: "file",
  };
  return byType[facts.kind];
}

/** Every option's colour: the definition's choice, else the palette colour of the option's position. */
export function tonesOf(options: readonly string[], chosen: Partial<Record<string, Tone>> | undefined) {
  return Object.fromEntries(
    options.map((option, i) => [option, chosen?.[option] ?? (TONE_ORDER[i % TONE_ORDER.length] as Tone)]),
  );
}

/** The descriptor as this actor sees it: permissions and writable fields are the caller's own. */
export function describeResource(
  resource: AnyResource,
  registry: Record<string, AnyResource>,
  actor: Actor,
): ResourceDescriptor {
  const { info } = resource;
  const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const args = ruleArgs(actor);
  const system = actor.kind === "system";
  const can = Object.fromEntries(
    OPERATIONS.map((op) => [op, system || ruleFor(resource.access, op).allow(args) !== false]),
  ) as Permissions;
  const mayWrite = (key: string) => {
    const rule = configs[key]?.access?.write;
    return system || !rule || rule.allow({ ...args, old: undefined });
  };
  const relations = Object.entries((resource.relations ?? {}) as Record<string, RelationDef>).map(([name, rel]) => ({
    name,
    kind: rel.kind,
    target: rel.target,
    titleField: String(registry[rel.target]?.titleField ?? "id"),
    ...(rel.kind === "belongsTo" ? { field: rel.field } : {}),
    ...(rel.kind === "manyToMany" && rel.writable ? { writable: true } : {}),
  }));
  const fields = Object.entries(info.columns)
    .filter(([key]) => !configs[key]?.hidden)
    .map(([key, column]): FieldDescriptor => {
      const config = configs[key];
      const facts = fieldFacts(column, config);
      const type = facts.kind;
      const relation = relations.find((r) => r.field === key);
      return {
        name: key,
        type,
        label: fieldLabel(key, config),
        ...(config?.help ? { help: config.help } : {}),
        widget: config?.widget ?? defaultWidget(facts, relation !== undefined, column.columnType),
        required: column.notNull && !column.hasDefault && !info.defaultKeys.includes(key),
        nullable: !column.notNull,
        readable: info.readKeys.includes(key),
        creatable: info.createKeys.includes(key),
        updatable: info.updateKeys.includes(key),
        // A read-restricted field is filterable and sortable only for those who read it on every row.
        filterable: info.filterKeys.includes(key) && mayQueryField(resource, key, actor),
        sortable: info.sortKeys.includes(key) && mayQueryField(resource, key, actor),
        searchable: info.searchKeys.includes(key),
        canCreate: can.create && info.createKeys.includes(key) && mayWrite(key),
        canUpdate: can.update && info.updateKeys.includes(key) && mayWrite(key),
        readRestricted: info.readRuleKeys.includes(key),
        serverDefault: info.defaultKeys.includes(key),
        ...(column.hasDefault && column.default !== undefined && !is(column.default, SQL)
          ? { default: column.default }
          : {}),
        ...(facts.options ? { options: facts.options } : {}),
        ...(facts.options ? { tones: tonesOf(facts.options, config?.tones) } : {}),
        ...(facts.items ? { items: facts.items } : {}),
        ...(facts.precision !== undefined ? { precision: facts.precision, scale: facts.scale ?? 0 } : {}),
        ...withRules(effectiveRules(config?.rules, type, facts.items, facts.implied)),
        ...(relation
          ? { relation: { name: relation.name, target: relation.target, titleField: relation.titleField } }
          : {}),
        ...(config?.file ? { file: describeFileOptions(config.file) } : {}),
      };
    });
  return {
    name: resource.name,
    label: resource.label ?? { one: humanize(resource.name).replace(/s$/, ""), many: humanize(resource.name) },
    icon: resource.icon ?? defaultResourceIcon(resource.name),
    idField: info.idKey,
    titleField: String(resource.titleField),
    softDelete: Boolean(resource.softDelete),
    fields,
    relations,
    list: {
      defaultSort: info.defaultSort,
      defaultPerPage: info.defaultPerPage,
      maxPerPage: info.maxPerPage,
      maxBatch: info.maxBatch,
    },
    can,
    actions: describeActions(resource, registry, actor),
  };
}

function withRules(rules: FieldRules | undefined): { rules?: FieldRules } {
  return rules ? { rules } : {};
}
