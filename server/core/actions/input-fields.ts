/**
 * An action's input, described for the admin's generated form: each key of its zod object becomes a field descriptor
 * of the kind `meta` gives a column, so the same widgets, drafts and browser checks (form-schema.ts) serve it. Read
 * through zod's JSON Schema (its public way to look into a schema): labels and help from `.meta({ title,
 * description })`, a widget from `.meta({ widget })`, a record picker from `.meta({ resource: "users" })`.
 *
 * The browser's checks are a courtesy built from what JSON Schema can say (types, lengths, bounds, options); the
 * action's own schema decides on the server, refinements included, and its messages come back on the same fields.
 */
import { z } from "zod";
import { type FieldRules, humanize, TONE_ORDER, type Tone, type Widget } from "../fields";
import type { FieldDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import type { ValueKind } from "../values";

type Json = Record<string, unknown>;

const WIDGETS: ReadonlySet<string> = new Set<Widget>([
  "text",
  "textarea",
  "markdown",
  "number",
  "switch",
  "select",
  "date",
  "datetime",
  "email",
  "url",
  "relation",
  "json",
  "time",
  "decimal",
  "tags",
]);

/** Marks values that are Dates (z.date()) rather than ISO text, which JSON Schema cannot tell apart. */
const DATE_MARK = "x-atrium-date";

export function inputJsonSchema(input: z.ZodType): Json {
  return z.toJSONSchema(input, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const type = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type;
      if (type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time", [DATE_MARK]: true });
      if (type === "bigint") Object.assign(ctx.jsonSchema, { type: "integer", format: "int64" });
    },
  }) as Json;
}

const asJson = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});
const num = (value: unknown) => (typeof value === "number" ? value : undefined);

/** The schema without its `null` alternative, and whether it had one. */
function unwrapNull(schema: Json): { schema: Json; nullable: boolean } {
  const type = schema.type;
  if (Array.isArray(type) && type.includes("null")) {
    const rest = type.filter((t) => t !== "null");
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  const options = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(options)) {
    const others = options.filter((o) => asJson(o).type !== "null");
    if (others.length === 1 && others.length < options.length) {
      const { anyOf: _a, oneOf: _o, ...own } = schema;
      return { schema: { ...asJson(others[0]), ...own }, nullable: true };
    }
  }
  return { schema, nullable: false };
}

interface Kind {
  type: ValueKind;
  items?: ValueKind;
  options?: string[];
}

function kindOf(schema: Json): Kind {
  const options = schema.enum;
  if (Array.isArray(options) && options.every((o) => typeof o === "string")) return { type: "enum", options };
  switch (schema.type) {
    case "string":
      if (schema[DATE_MARK] === true) return { type: "date" };
      return { type: schema.format === "uuid" ? "uuid" : "text" };
    case "integer":
      return { type: schema.format === "int64" ? "bigint" : "integer" };
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "array": {
      const item = kindOf(unwrapNull(asJson(schema.items)).schema);
      const scalar = item.type !== "array" && item.type !== "json" && item.type !== "date";
      return scalar
        ? { type: "array", items: item.type, ...(item.options ? { options: item.options } : {}) }
        : { type: "json" };
    }
    default:
      return { type: "json" };
  }
}

function rulesOf(schema: Json, kind: Kind): FieldRules | undefined {
  const rules: FieldRules = {};
  const item = kind.type === "array" ? asJson(schema.items) : schema;
  const set = <K extends keyof FieldRules>(key: K, value: FieldRules[K] | undefined) => {
    if (value !== undefined) rules[key] = value;
  };
  set("minLength", num(item.minLength));
  set("maxLength", num(item.maxLength));
  set("min", num(item.minimum));
  set("max", num(item.maximum));
  if (kind.type === "array") {
    set("minItems", num(schema.minItems));
    set("maxItems", num(schema.maxItems));
  }
  if (item.format === "email" || item.format === "url" || item.format === "uri") {
    rules.format = item.format === "email" ? "email" : "url";
  }
  return Object.keys(rules).length > 0 ? rules : undefined;
}

function widgetOf(kind: Kind, rules: FieldRules | undefined, chosen: unknown, relation: boolean): Widget {
  if (typeof chosen === "string" && WIDGETS.has(chosen)) return chosen as Widget;
  if (relation) return "relation";
  switch (kind.type) {
    case "enum":
      return "select";
    case "integer":
    case "bigint":
    case "number":
      return "number";
    case "boolean":
      return "switch";
    case "date":
      return "datetime";
    case "array":
      return "tags";
    case "json":
      return "json";
    default:
      return rules?.format === "email" ? "email" : rules?.format === "url" ? "url" : "text";
  }
}

/** Every option's colour by its position, as `meta` gives an enum column without `tones`. */
function defaultTones(options: readonly string[]): Record<string, Tone> {
  return Object.fromEntries(options.map((option, i) => [option, TONE_ORDER[i % TONE_ORDER.length] as Tone]));
}

/** The descriptor of one input field, as a create form reads a column's. */
function describeField(
  name: string,
  raw: Json,
  required: boolean,
  registry: Record<string, AnyResource>,
): FieldDescriptor {
  const { schema, nullable } = unwrapNull(raw);
  const kind = kindOf(schema);
  const rules = rulesOf(schema, kind);
  const label = typeof raw.title === "string" ? raw.title : humanize(name);
  const help = typeof raw.description === "string" ? raw.description : undefined;
  // A record picker: a uuid naming a record of a registered resource (`.meta({ resource: "users" })`).
  const target = typeof raw.resource === "string" && Object.hasOwn(registry, raw.resource) ? raw.resource : undefined;
  const relation =
    target && kind.type === "uuid"
      ? { name, target, titleField: String((registry[target] as AnyResource).titleField) }
      : undefined;
  const hasDefault = raw.default !== undefined;
  return {
    name,
    type: kind.type,
    label,
    ...(help ? { help } : {}),
    widget: widgetOf(kind, rules, raw.widget, relation !== undefined),
    required: required && !hasDefault && !nullable,
    nullable,
    readable: false,
    creatable: true,
    updatable: false,
    filterable: false,
    sortable: false,
    searchable: false,
    canCreate: true,
    canUpdate: false,
    readRestricted: false,
    serverDefault: false,
    ...(hasDefault && kind.type !== "date" && kind.type !== "bigint" ? { default: raw.default } : {}),
    ...(kind.options ? { options: kind.options, tones: defaultTones(kind.options) } : {}),
    ...(kind.items ? { items: kind.items } : {}),
    ...(rules ? { rules } : {}),
    ...(relation ? { relation } : {}),
  };
}

/** Described once per registry and schema: `meta` serves them on every call, and both are fixed at start. */
const described = new WeakMap<object, WeakMap<z.ZodType, FieldDescriptor[]>>();

/** The form fields of an action's input, in the order its object declares them. */
export function describeActionInput(input: z.ZodType, registry: Record<string, AnyResource>): FieldDescriptor[] {
  const byInput = described.get(registry) ?? new WeakMap<z.ZodType, FieldDescriptor[]>();
  described.set(registry, byInput);
  const known = byInput.get(input);
  if (known) return known;
  const schema = inputJsonSchema(input);
  const properties = asJson(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields = Object.entries(properties).map(([name, field]) =>
    describeField(name, asJson(field), required.has(name), registry),
  );
  byInput.set(input, fields);
  return fields;
}
