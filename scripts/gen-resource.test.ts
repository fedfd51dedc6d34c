/** The pure parts of `npm run gen:resource`: the --fields language, names, and the registry edits. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FieldSpecError, parseField, parseFields } from "./gen-resource/fields";
import { NameError, type ProjectNames, resourceNames, singularize } from "./gen-resource/names";
import { addRegistryEntry, addSchemaExport, RegistryShapeError } from "./gen-resource/registry";
import { renderResource } from "./gen-resource/render";

const project: ProjectNames = {
  apiKeys: ["users", "posts", "audit", "tokens"],
  sqlNames: ["users", "posts", "user_role", "post_status"],
  schemaExports: ["users", "posts", "userRole", "postStatus", "auditLog"],
  files: ["users", "posts", "policies", "index", "audit-log"],
};

describe("--fields", () => {
  it("reads the documented example", () => {
    const fields = parseFields(
      "name:text:unique description:text? status:enum(draft,active) budget:numeric(12,2) dueDate:date owner:users",
    );
    expect(fields).toEqual([
      { name: "name", type: { kind: "text" }, nullable: false, unique: true },
      { name: "description", type: { kind: "text" }, nullable: true, unique: false },
      { name: "status", type: { kind: "enum", values: ["draft", "active"] }, nullable: false, unique: false },
      { name: "budget", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: false, unique: false },
      { name: "dueDate", type: { kind: "date" }, nullable: false, unique: false },
      { name: "owner", type: { kind: "reference", resource: "users" }, nullable: false, unique: false },
    ]);
    expect(parseField("ownerId:users?")).toMatchObject({ name: "owner", nullable: true });
    expect(parseField("code:varchar(8):unique").type).toEqual({ kind: "varchar", length: 8 });
    expect(parseField("labels:text[]").type).toEqual({ kind: "array", of: { kind: "text" } });
  });

  it("refuses what it cannot write, naming the token", () => {
    for (const [spec, why] of [
      ["title", "name:type"],
      ["Title:text", "camelCase"],
      ["title:txt!", 'unknown type "txt!"'],
      ["a:varchar(0)", "length"],
      ["a:numeric(4,5)", "scale"],
      ["a:enum(Draft)", "lower-case"],
      ["a:enum(x,x)", "twice"],
      ["id:text", "reserved"],
      ["createdAt:timestamp", "reserved"],
      ["a:text:index", ":unique"],
      ["a:jsonb:unique", "cannot be :unique"],
      ["a:text b:integer a:date", '"a" is named twice'],
      ["owner:users ownerId:uuid", '"ownerId" is named twice'],
    ] as const) {
      expect(() => parseFields(spec), spec).toThrow(FieldSpecError);
      expect(() => parseFields(spec), spec).toThrow(why);
    }
  });

  it("any well-formed field parses, and a corrupted one never crashes the parser", () => {
    const name = fc
      .stringMatching(/^[a-z][a-zA-Z0-9]{0,20}$/)
      .filter((n) => !/^(id|createdAt|updatedAt|deletedAt|expand|constructor|prototype)$/.test(n) && !n.endsWith("Id"));
    const type = fc.constantFrom(
      "text",
      "integer",
      "bigint",
      "numeric(10,2)",
      "boolean",
      "date",
      "timestamp",
      "jsonb",
      "enum(a,b_c)",
      "text[]",
      "varchar(40)",
    );
    fc.assert(
      fc.property(name, type, fc.boolean(), fc.boolean(), (n, t, nullable, unique) => {
        const canBeUnique = !t.endsWith("[]") && t !== "jsonb";
        const token = `${n}:${t}${nullable ? "?" : ""}${unique && canBeUnique ? ":unique" : ""}`;
        expect(parseField(token)).toMatchObject({ name: n, nullable, unique: unique && canBeUnique });
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (junk) => {
        try {
          parseFields(junk);
        } catch (error) {
          expect(error).toBeInstanceOf(FieldSpecError);
        }
      }),
    );
  });
});

describe("resource names", () => {
  it("spells one name for every place it goes", () => {
    expect(resourceNames("invoice-items", project)).toEqual({
      key: "invoiceItems",
      table: "invoice_items",
      file: "invoice-items",
      resourceConst: "invoiceItemsResource",
      singular: "invoiceItem",
      label: { one: "Invoice item", many: "Invoice items" },
    });
    expect(resourceNames("invoiceItems", project).table).toBe("invoice_items");
    expect(resourceNames("categories", project).label).toEqual({ one: "Category", many: "Categories" });
    expect(resourceNames("people", project, "Person,People").label).toEqual({ one: "Person", many: "People" });
    expect([singularize("boxes"), singularize("projects"), singularize("address"), singularize("staff")]).toEqual([
      "box",
      "project",
      "address",
      "staff",
    ]);
  });

  it("refuses invalid, reserved and existing names with the reason", () => {
    for (const [name, why] of [
      ["", "Name the resource"],
      ["Invoices", "not a valid resource name"],
      ["1invoices", "not a valid resource name"],
      ["invoice items", "not a valid resource name"],
      ["invoices;drop", "not a valid resource name"],
      ["a".repeat(41), "too long"],
      ["class", "reserved"],
      ["then", "reserved"],
      ["constructor", "reserved"],
      ["audit", "reserved"],
      ["users", "already exists"],
      ["posts", "already exists"],
      ["auditLog", 'already exports "auditLog"'],
      ["audit-log", 'already exports "auditLog"'],
    ] as const) {
      expect(() => resourceNames(name, project), name).toThrow(NameError);
      expect(() => resourceNames(name, project), name).toThrow(why);
    }
    expect(() => resourceNames("people", project, "Person")).toThrow("Singular,Plural");
  });

  it("any name it accepts is a safe identifier, table and file name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 45 }), (input) => {
        let names: ReturnType<typeof resourceNames>;
        try {
          names = resourceNames(input, project);
        } catch (error) {
          expect(error).toBeInstanceOf(NameError);
          return;
        }
        expect(names.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(names.table).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(names.file).toMatch(/^[a-z][a-z0-9-]*$/);
      }),
    );
  });
});

describe("registry edits", () => {
  const names = resourceNames("invoices", project);

  it("adds the export and the registry entry in order, once", () => {
    const schema = 'export * from "./audit";\nexport * from "./users";\n';
    expect(addSchemaExport(schema, names)).toBe(
      'export * from "./audit";\nexport * from "./invoices";\nexport * from "./users";\n',
    );
    const registry = [
      'import type { users } from "@/db/schema";',
      'import { postsResource } from "./posts";',
      'import { usersResource } from "./users";',
      "",
      "export const resources = {",
      "  users: usersResource,",
      "  posts: postsResource",
      "};",
      "",
    ].join("\n");
    const edited = addRegistryEntry(registry, names);
    expect(edited).toContain('import { invoicesResource } from "./invoices";\nimport { postsResource }');
    expect(edited).toContain("  posts: postsResource,\n  invoices: invoicesResource,\n};");
    expect(() => addRegistryEntry(edited, names)).toThrow(RegistryShapeError);
  });

  it("refuses a file that lost its shape instead of guessing", () => {
    expect(() => addSchemaExport("// nothing here\n", names)).toThrow('add `export * from "./invoices";` by hand');
    expect(() => addRegistryEntry('import { a } from "./a";\nconst resources = [];\n', names)).toThrow(
      "found no `export const resources = {`",
    );
  });
});

describe("rendered files", () => {
  it("import exactly the builders and helpers they use", () => {
    const names = resourceNames("invoices", project);
    const rendered = renderResource({
      names,
      fields: parseFields("title:varchar(80):unique amount:numeric(12,2)? status:enum(open,paid) tags:text[]"),
      owner: true,
      softDelete: true,
      targets: { users: { tableExport: "users", schemaFile: "users" } },
    });
    expect(rendered.schema).toContain(
      'import { index, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";',
    );
    expect(rendered.schema).toContain('export const invoiceStatus = pgEnum("invoice_status", ["open", "paid"]);');
    expect(rendered.schema).toContain('status: invoiceStatus("status").notNull().default("open"),');
    expect(rendered.schema).toContain(
      'ownerId: uuid("owner_id").notNull().references(() => users.id, { onDelete: "restrict" }),',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder belongs to the generated source
    expect(rendered.schema).toContain(".where(sql`${t.deletedAt} is null`)");
    expect(rendered.definition).toContain(
      'import { belongsTo, callerId, defineResource, rule, signedIn } from "@/server/core";',
    );
    expect(rendered.definition).toContain('import { adminsSet, isAdmin, isStaff } from "./policies";');
    expect(rendered.definition).toContain("rules: { minLength: 1, maxLength: 80 }");
    expect(rendered.titleField).toBe("title");
    expect(rendered.enumTypes).toEqual(["invoice_status"]);
  });
});
