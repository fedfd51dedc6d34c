/**
 * The two files `npm run gen:resource` writes: the Drizzle table (db/schema/<file>.ts) and the resource definition
 * (server/resources/<file>.ts), as source a person would have written, with the imports each needs. Pure.
 */
import { columnKey, type FieldSpec, type FieldType } from "./fields";
import { humanizeKey, type ResourceNames, snakeCase } from "./names";

export interface ResourceOptions {
  fields: FieldSpec[];
  /** The field that names a record; defaults to the first text field. */
  titleField?: string;
  softDelete: boolean;
  /** Adds `ownerId` -> users, filled in with the caller, changeable by admins only, and owner-or-admin write rules. */
  owner: boolean;
}

/** Where a referenced resource's table lives: its export name and its file in db/schema/. */
export interface ReferenceTarget {
  tableExport: string;
  schemaFile: string;
}

export interface RenderInput extends ResourceOptions {
  names: ResourceNames;
  /** Referenced resources (including `users` when `owner` is set), by resource name. */
  targets: Record<string, ReferenceTarget>;
}

export interface RenderedResource {
  schema: string;
  definition: string;
  /** SQL names of the enum types the table creates. */
  enumTypes: string[];
  titleField: string;
}

const OWNER: FieldSpec = {
  name: "owner",
  type: { kind: "reference", resource: "users" },
  nullable: false,
  unique: false,
};

/** The fields as the table has them, the owner included. */
export function allFields(input: ResourceOptions): FieldSpec[] {
  return input.owner ? [...input.fields, OWNER] : input.fields;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function enumConst(names: ResourceNames, field: FieldSpec): string {
  return `${names.singular}${capitalize(field.name)}`;
}

export function enumType(names: ResourceNames, field: FieldSpec): string {
  return `${snakeCase(names.singular)}_${snakeCase(field.name)}`;
}

function chooseTitle(fields: FieldSpec[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    const field = fields.find((f) => columnKey(f) === wanted);
    if (!field || (field.type.kind !== "text" && field.type.kind !== "varchar")) {
      throw new Error(`--title must name a text or varchar field of --fields, not "${wanted}"`);
    }
    return wanted;
  }
  return fields.find((f) => f.type.kind === "text" || f.type.kind === "varchar")?.name ?? "id";
}

/** The Drizzle column expression, without the property name. */
function column(names: ResourceNames, field: FieldSpec, targets: Record<string, ReferenceTarget>): string {
  const sqlName = snakeCase(columnKey(field));
  const type = field.type;
  const notNull = field.nullable ? "" : ".notNull()";
  switch (type.kind) {
    case "reference": {
      const target = targets[type.resource];
      if (!target) throw new Error(`no table for resource "${type.resource}"`);
      const onDelete = field.nullable ? "set null" : "restrict";
      return `uuid("${sqlName}")${notNull}.references(() => ${target.tableExport}.id, { onDelete: "${onDelete}" })`;
    }
    case "enum":
      // A not-null enum starts on its first value, so forms preselect it.
      return `${enumConst(names, field)}("${sqlName}")${field.nullable ? "" : `.notNull().default("${type.values[0]}")`}`;
    case "boolean":
      return `boolean("${sqlName}")${field.nullable ? "" : ".notNull().default(false)"}`;
    case "array":
      return `${type.of.kind}("${sqlName}").array()${field.nullable ? "" : ".notNull().default([])"}`;
    default:
      return `${scalar(type, sqlName)}${notNull}`;
  }
}

function scalar(type: Exclude<FieldType, { kind: "reference" | "enum" | "array" }>, sqlName: string): string {
  switch (type.kind) {
    case "varchar":
      return `varchar("${sqlName}", { length: ${type.length} })`;
    case "bigint":
      // Exact beyond 2^53: a bigint in TypeScript, a string on the wire.
      return `bigint("${sqlName}", { mode: "bigint" })`;
    case "double":
      return `doublePrecision("${sqlName}")`;
    case "numeric":
      return type.precision === undefined
        ? `numeric("${sqlName}")`
        : `numeric("${sqlName}", { precision: ${type.precision}, scale: ${type.scale ?? 0} })`;
    case "date":
      return `date("${sqlName}", { mode: "date" })`;
    case "timestamp":
      return `timestamp("${sqlName}", { withTimezone: true })`;
    default:
      return `${type.kind}("${sqlName}")`;
  }
}

/** The pg-core builder a field's column uses. */
function builder(field: FieldSpec): string {
  const type = field.type;
  if (type.kind === "reference") return "uuid";
  if (type.kind === "enum") return "pgEnum";
  if (type.kind === "array") return type.of.kind;
  if (type.kind === "double") return "doublePrecision";
  return type.kind;
}

export function renderSchema(input: RenderInput): string {
  const { names, targets } = input;
  const fields = allFields(input);
  const builders = new Set(["pgTable", "timestamp", "uuid", ...fields.map(builder)]);
  const uniques = fields.filter((f) => f.unique);
  const references = fields.filter((f) => f.type.kind === "reference");
  if (uniques.length > 0) builders.add("uniqueIndex");
  if (references.length > 0) builders.add("index");

  const imports: string[] = [];
  if (input.softDelete && uniques.length > 0) imports.push(`import { sql } from "drizzle-orm";`);
  imports.push(`import { ${[...builders].sort().join(", ")} } from "drizzle-orm/pg-core";`);
  const targetImports = new Map<string, Set<string>>();
  for (const field of references) {
    if (field.type.kind !== "reference") continue;
    const target = targets[field.type.resource];
    if (!target) throw new Error(`no table for resource "${field.type.resource}"`);
    const set = targetImports.get(target.schemaFile) ?? new Set();
    set.add(target.tableExport);
    targetImports.set(target.schemaFile, set);
  }
  for (const [file, exports] of [...targetImports].sort(([a], [b]) => a.localeCompare(b))) {
    imports.push(`import { ${[...exports].sort().join(", ")} } from "./${file}";`);
  }

  const enums = fields.flatMap((f) =>
    f.type.kind === "enum"
      ? [
          `export const ${enumConst(names, f)} = pgEnum("${enumType(names, f)}", [${f.type.values.map((v) => `"${v}"`).join(", ")}]);`,
        ]
      : [],
  );

  const columns = [
    `id: uuid("id").primaryKey().defaultRandom(),`,
    ...fields.map((f) => `${columnKey(f)}: ${column(names, f, targets)},`),
    `createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),`,
    `updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),`,
    ...(input.softDelete ? [`deletedAt: timestamp("deleted_at", { withTimezone: true }),`] : []),
  ];

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder belongs to the generated source
  const live = input.softDelete ? ".where(sql`${t.deletedAt} is null`)" : "";
  const indexes = [
    ...uniques.map(
      (f) => `uniqueIndex("${names.table}_${snakeCase(columnKey(f))}_unique").on(t.${columnKey(f)})${live},`,
    ),
    ...references.map((f) => `index("${names.table}_${snakeCase(columnKey(f))}_idx").on(t.${columnKey(f)}),`),
  ];

  if (input.softDelete && uniques.length > 0) {
    indexes.unshift("// Unique among live rows only, so a row in the bin does not hold on to its value.");
  }
  return `${imports.join("\n")}

${enums.length > 0 ? `${enums.join("\n")}\n\n` : ""}/**
 * ${names.label.many}, generated by \`npm run gen:resource\`: yours to change. After changing a column, write its
 * migration with \`npm run db:generate -- --name <what_changed>\`.
 */
export const ${names.key} = pgTable(
  "${names.table}",
  {
    ${columns.join("\n    ")}
  },${indexes.length > 0 ? `\n  (t) => [\n    ${indexes.join("\n    ")}\n  ],` : ""}
);
`;
}

/** What a definition says about one field: sensible defaults for its type, to edit. */
function fieldConfig(field: FieldSpec, title: string): string {
  const key = columnKey(field);
  const parts = [`label: ${JSON.stringify(humanizeKey(field.name))}`];
  const type = field.type;
  if (key === title) {
    const max = type.kind === "varchar" ? Math.min(type.length, 200) : 200;
    parts.push(`rules: { minLength: 1, maxLength: ${max} }`, "filterable: true", "sortable: true", "searchable: true");
  } else {
    switch (type.kind) {
      case "text":
        parts.push("filterable: true", "searchable: true");
        break;
      case "json":
      case "jsonb":
        break;
      case "boolean":
      case "uuid":
      case "array":
      case "reference":
        parts.push("filterable: true");
        break;
      default:
        parts.push("filterable: true", "sortable: true");
    }
  }
  if (field === OWNER) {
    // The caller owns what they create; only an admin may name (or later change) another owner.
    parts.push("defaultValue: callerId", "access: { write: adminsSet }");
  }
  return `${key}: { ${parts.join(", ")} },`;
}

export function renderDefinition(input: RenderInput): { source: string; titleField: string } {
  const { names } = input;
  const fields = allFields(input);
  const title = chooseTitle(fields, input.titleField);
  const references = fields.filter((f) => f.type.kind === "reference");

  const core = new Set(["defineResource", "rule", "signedIn"]);
  if (references.length > 0) core.add("belongsTo");
  if (input.owner) core.add("callerId");
  // Without an owner, editors and admins write; the bin (soft delete) is theirs either way.
  const staffUsed = !input.owner || input.softDelete;
  const policies = new Set(staffUsed ? ["isStaff"] : []);
  if (input.owner) {
    policies.add("adminsSet");
    policies.add("isAdmin");
  }

  const imports = [
    ...(input.owner ? [`import { eq } from "drizzle-orm";`] : []),
    `import { ${names.key} } from "@/db/schema";`,
    `import { ${[...core].sort().join(", ")} } from "@/server/core";`,
    `import { ${[...policies].sort().join(", ")} } from "./policies";`,
  ];

  const rules = staffUsed
    ? [
        input.owner
          ? `/** Editors and admins: they see and manage the bin. Rules: README "Permission policies". */`
          : `/** Editors and admins write; every signed-in user reads. Rules: README "Permission policies". */`,
        `const staff = rule("editors and admins", ({ user }) => isStaff(user));`,
      ]
    : [];
  if (input.owner) {
    rules.push(
      ...(staffUsed ? [""] : []),
      `/** The owner changes their ${names.label.many.toLowerCase()}; admins change any. */`,
      `const ownersOrAdmins = rule("own ${names.label.many.toLowerCase()}, or admins", ({ user }) =>`,
      `  isAdmin(user) ? true : user ? eq(${names.key}.ownerId, user.id) : false,`,
      `);`,
    );
  }

  const fieldLines = [
    ...fields.map((f) => fieldConfig(f, title)),
    `createdAt: { label: "Created", filterable: true, sortable: true },`,
    `updatedAt: { label: "Updated", sortable: true },`,
  ];
  const relations = references.map((f) =>
    f.type.kind === "reference" ? `${f.name}: belongsTo("${f.type.resource}", { field: "${columnKey(f)}" }),` : "",
  );

  const access = input.owner
    ? [
        "list: signedIn,",
        "get: signedIn,",
        "create: signedIn,",
        "update: {",
        "  ...ownersOrAdmins,",
        "  // The owner changes only by an admin's hand, whatever the input says.",
        "  check: ({ user, old, next }) => old.ownerId === next.ownerId || isAdmin(user),",
        "},",
        "delete: ownersOrAdmins,",
      ]
    : ["list: signedIn,", "get: signedIn,", "create: staff,", "update: staff,", "delete: staff,"];
  if (input.softDelete) access.push("readDeleted: staff,", "restore: staff,");
  access.push(`// ${input.softDelete ? "purge and revert" : "revert"}: no rule, so admins only.`);

  const source = `${imports.join("\n")}

${rules.join("\n")}

export const ${names.resourceConst} = defineResource("${names.key}", {
  table: ${names.key},
  label: { one: ${JSON.stringify(names.label.one)}, many: ${JSON.stringify(names.label.many)} },
  titleField: "${title}",${input.softDelete ? `\n  softDelete: "deletedAt",` : ""}
  fields: {
    ${fieldLines.join("\n    ")}
  },${relations.length > 0 ? `\n  relations: {\n    ${relations.join("\n    ")}\n  },` : ""}
  list: { defaultSort: ["-createdAt"] },
  access: {
    ${access.join("\n    ")}
  },
});
`;
  return { source, titleField: title };
}

export function renderResource(input: RenderInput): RenderedResource {
  const { source, titleField } = renderDefinition(input);
  return {
    schema: renderSchema(input),
    definition: source,
    enumTypes: allFields(input).flatMap((f) => (f.type.kind === "enum" ? [enumType(input.names, f)] : [])),
    titleField,
  };
}
