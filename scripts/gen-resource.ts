/**
 * `npm run gen:resource -- <name> [--fields "..."] [--owner] [--soft-delete] [--title f] [--label "One,Many"] [--dry-run]`
 *
 * Scaffolds a resource the way the README's "Add a resource" recipe writes one by hand: the Drizzle table
 * (db/schema/<name>.ts), its export in db/schema/index.ts, the definition (server/resources/<name>.ts), its line in
 * server/resources/index.ts, and a migration named create_<table> from drizzle-kit. Checks everything before it writes
 * anything; if drizzle-kit fails, it takes its files back out.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { FIELD_TYPES_HELP, type FieldSpec, FieldSpecError, keysOf, parseFields } from "./gen-resource/fields";
import { NameError, type ResourceNames, resourceNames } from "./gen-resource/names";
import { readProject } from "./gen-resource/project";
import { addRegistryEntry, addSchemaExport, RegistryShapeError } from "./gen-resource/registry";
import { allFields, type RenderedResource, renderResource } from "./gen-resource/render";

const ROOT = path.resolve(import.meta.dirname, "..");

const USAGE = `usage: npm run gen:resource -- <name> [options]

  <name>             plural, camelCase or with - / _ (invoices, invoiceItems, invoice-items)
  --fields "..."     columns besides id and timestamps (default: "name:text"), e.g.
                     "name:text:unique description:text? status:enum(draft,active) budget:numeric(12,2) dueDate:date owner:users"
                     ${FIELD_TYPES_HELP.replaceAll("\n", "\n                     ")}
  --owner            an ownerId -> users set to the caller; owners and admins edit, others read
  --soft-delete      a deletedAt column: delete moves rows to the bin (restore, purge)
  --title <field>    the field that names a record (default: the first text field)
  --label "One,Many" labels when the name does not pluralise simply ("Person,People")
  --dry-run          print what would be written, write nothing`;

const say = (message: string) => console.log(`\x1b[36m[gen:resource]\x1b[0m ${message}`);
const fail = (message: string): never => {
  console.error(`\x1b[31m[gen:resource]\x1b[0m ${message}`);
  process.exit(1);
};

/** Options given after `--`, or (when `npm run` swallowed them without `--`) as npm_config_* variables. */
function readArgs() {
  const options = {
    fields: { type: "string" },
    title: { type: "string" },
    label: { type: "string" },
    owner: { type: "boolean" },
    "soft-delete": { type: "boolean" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ allowPositionals: true, options });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const npm = (name: string) => process.env[`npm_config_${name.replaceAll("-", "_")}`];
  const flag = (name: "owner" | "soft-delete" | "dry-run") => values[name] ?? npm(name) === "true";
  const text = (name: "fields" | "title" | "label") => values[name] ?? npm(name);
  return {
    positionals,
    help: values.help ?? false,
    fields: text("fields"),
    title: text("title"),
    label: text("label"),
    owner: flag("owner"),
    softDelete: flag("soft-delete"),
    dryRun: flag("dry-run"),
  };
}

function checkReferences(fields: FieldSpec[], owner: boolean, targets: Record<string, unknown>) {
  if (owner && fields.some((f) => keysOf(f).some((k) => k === "owner" || k === "ownerId"))) {
    throw new FieldSpecError("--owner adds the owner field itself; leave owner out of --fields");
  }
  for (const field of fields) {
    if (field.type.kind === "reference" && !(field.type.resource in targets)) {
      const known = Object.keys(targets).join(", ");
      throw new FieldSpecError(
        `${field.name}:${field.type.resource}: "${field.type.resource}" is neither a type nor a registered resource (${known})`,
      );
    }
  }
}

/** Enum exports and types must be new too. */
function checkEnums(
  names: ResourceNames,
  rendered: RenderedResource,
  project: Awaited<ReturnType<typeof readProject>>,
) {
  for (const type of rendered.enumTypes) {
    if (project.names.sqlNames.includes(type)) throw new NameError(`db/schema already has a type "${type}"`);
  }
  for (const m of rendered.schema.matchAll(/export const (\w+)/g)) {
    const name = m[1] ?? "";
    if (name !== names.key && project.names.schemaExports.includes(name)) {
      throw new NameError(`db/schema already exports "${name}"`);
    }
  }
}

const MIGRATIONS = path.join(ROOT, "db", "migrations");
const JOURNAL = path.join(MIGRATIONS, "meta", "_journal.json");

async function sqlMigrations(): Promise<string[]> {
  return (await readdir(MIGRATIONS)).filter((f) => f.endsWith(".sql"));
}

async function snapshots(): Promise<string[]> {
  return readdir(path.join(MIGRATIONS, "meta"));
}

/** Statements of the new migration that are about other tables: the schema had changes nobody generated. */
function foreignStatements(sql: string, table: string, enumTypes: string[]): string[] {
  const ours = [`"${table}"`, ...enumTypes.map((t) => `"${t}"`)];
  return sql
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter((s) => s !== "" && !ours.some((name) => s.includes(name)));
}

async function main() {
  const args = readArgs();
  if (args.help) return console.log(USAGE);
  if (args.positionals.length !== 1) fail(`Name one resource.\n${USAGE}`);
  const input = args.positionals[0] ?? "";

  const project = await readProject(ROOT);
  let names: ResourceNames;
  let fields: FieldSpec[];
  let rendered: RenderedResource;
  let schemaIndex: string;
  let registry: string;
  const schemaIndexPath = path.join(ROOT, "db", "schema", "index.ts");
  const registryPath = path.join(ROOT, "server", "resources", "index.ts");
  try {
    names = resourceNames(input, project.names, args.label);
    fields = parseFields(args.fields ?? "name:text");
    checkReferences(fields, args.owner, project.targets);
    rendered = renderResource({
      names,
      fields,
      titleField: args.title,
      softDelete: args.softDelete,
      owner: args.owner,
      targets: project.targets,
    });
    checkEnums(names, rendered, project);
    schemaIndex = addSchemaExport(await readFile(schemaIndexPath, "utf8"), names);
    registry = addRegistryEntry(await readFile(registryPath, "utf8"), names);
  } catch (error) {
    if (error instanceof NameError || error instanceof FieldSpecError || error instanceof RegistryShapeError) {
      return fail(`${error.message}\nNothing was written.`);
    }
    if (error instanceof Error && error.message.startsWith("--title"))
      return fail(`${error.message}\nNothing was written.`);
    throw error;
  }

  const schemaPath = path.join(ROOT, "db", "schema", `${names.file}.ts`);
  const definitionPath = path.join(ROOT, "server", "resources", `${names.file}.ts`);
  const rel = (p: string) => path.relative(ROOT, p);
  if (args.dryRun) {
    for (const [file, text] of [
      [schemaPath, rendered.schema],
      [definitionPath, rendered.definition],
    ] as const) {
      console.log(`\n--- ${rel(file)} (new)\n${text}`);
    }
    console.log(`--- ${rel(schemaIndexPath)}: + export * from "./${names.file}";`);
    console.log(
      `--- ${rel(registryPath)}: + import { ${names.resourceConst} } ...; + ${names.key}: ${names.resourceConst},`,
    );
    console.log(`--- then: drizzle-kit generate --name create_${names.table}`);
    return say("dry run: nothing was written");
  }

  const originals = new Map<string, string>([
    [schemaIndexPath, await readFile(schemaIndexPath, "utf8")],
    [registryPath, await readFile(registryPath, "utf8")],
    [JOURNAL, await readFile(JOURNAL, "utf8")],
  ]);
  const metaBefore = new Set(await snapshots());
  const rollback = async () => {
    await rm(schemaPath, { force: true });
    await rm(definitionPath, { force: true });
    for (const [file, text] of originals) await writeFile(file, text);
    for (const file of await snapshots()) {
      if (!metaBefore.has(file)) await rm(path.join(MIGRATIONS, "meta", file), { force: true });
    }
  };
  await writeFile(schemaPath, rendered.schema);
  await writeFile(definitionPath, rendered.definition);
  await writeFile(schemaIndexPath, schemaIndex);
  await writeFile(registryPath, registry);
  const biome = path.join(ROOT, "node_modules", ".bin", "biome");
  if (existsSync(biome)) {
    spawnSync(biome, ["check", "--write", schemaPath, definitionPath, schemaIndexPath, registryPath], {
      cwd: ROOT,
      stdio: "ignore",
    });
  }

  const before = new Set(await sqlMigrations());
  const drizzleKit = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "drizzle-kit"),
    ["generate", "--name", `create_${names.table}`],
    { cwd: ROOT, encoding: "utf8", stdio: ["inherit", "pipe", "pipe"] },
  );
  const created = (await sqlMigrations()).filter((f) => !before.has(f));
  if (drizzleKit.status !== 0 || created.length !== 1) {
    await rollback();
    for (const file of created) await rm(path.join(MIGRATIONS, file), { force: true });
    return fail(
      `drizzle-kit generate failed, so the resource was taken back out:\n${drizzleKit.stdout}${drizzleKit.stderr}`,
    );
  }
  const migration = rel(path.join(MIGRATIONS, created[0] ?? ""));
  const foreign = foreignStatements(
    await readFile(path.join(ROOT, migration), "utf8"),
    names.table,
    rendered.enumTypes,
  );

  const references = allFields({ fields, owner: args.owner, softDelete: args.softDelete }).filter(
    (f) => f.type.kind === "reference",
  );
  say(`created ${rel(schemaPath)}, ${rel(definitionPath)} and ${migration}`);
  say(`registered "${names.key}" in ${rel(schemaIndexPath)} and ${rel(registryPath)}`);
  if (foreign.length > 0) {
    console.log(
      `\x1b[33m[gen:resource]\x1b[0m ${migration} also holds ${foreign.length} change(s) to other tables: the schema ` +
        `had changes without a migration. Review it, or move them into their own with npm run db:generate -- --name ...`,
    );
  }
  console.log(`
Next:
  1. Read ${rel(definitionPath)}: labels, rules (minLength, max...), which fields are filterable and sortable, and
     who may do what (access). The title field is "${rendered.titleField}".
  2. npm run dev            applies ${migration}; the admin lists ${names.label.many} at /admin/${names.key}
  3. In pages: useQuery(trpc.${names.key}.list.queryOptions({})), <ResourceTable resource="${names.key}" />,
     <ResourceForm resource="${names.key}" /> (client components: "use client").
  4. Changed the table later? npm run db:generate -- --name <what_changed>${
    references.length > 0
      ? `
  5. To list them from the other side, add to its definition's relations, e.g. in server/resources/users.ts:
       ${names.key}: hasMany("${names.key}", { foreignKey: "${references[0]?.name}Id" }),`
      : ""
  }`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
