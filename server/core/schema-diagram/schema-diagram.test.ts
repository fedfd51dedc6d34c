/**
 * The schema diagram on a small schema of its own with every shape the engine knows: foreign keys (required,
 * optional, one-to-one, composite keys), unique columns, a many-to-many join table, relations with and without a
 * foreign key behind them, a table with no relation. The SVG must be well-formed XML, show every table, key and
 * relation, be byte-identical from run to run, carry nothing active, and survive any table or column name.
 */
import { getTableConfig, integer, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { belongsTo, hasMany, manyToMany } from "../relations";
import { buildSchemaModel, MAX_TABLES } from "./collect";
import { type DiagramResourceInput, type SchemaInput, schemaDiagram } from "./index";
import { elements, parseXml, textOf, type XmlElement } from "./testing/parse-xml";
import { truncate } from "./text";
import { xmlSafe } from "./xml";

const owners = pgTable("owners", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
});
const items = pgTable(
  "items",
  {
    id: serial("id").primaryKey(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => owners.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id").references(() => owners.id),
    slug: text("slug").notNull(),
    // Points at owners without a constraint: the relations below still link it.
    watcherId: uuid("watcher_id"),
  },
  (t) => [uniqueIndex("items_slug_unique").on(t.slug)],
);
const labels = pgTable("labels", { id: uuid("id").primaryKey(), title: text("title").notNull() });
const itemLabels = pgTable(
  "item_labels",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    labelId: uuid("label_id")
      .notNull()
      .references(() => labels.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.labelId] })],
);
const profiles = pgTable("profiles", {
  ownerId: uuid("owner_id")
    .primaryKey()
    .references(() => owners.id),
  bio: text("bio"),
});
const looseNotes = pgTable("loose_notes", { id: uuid("id").primaryKey(), body: text("body") });

const resources: DiagramResourceInput[] = [
  {
    name: "owners",
    table: owners,
    label: { one: "Owner", many: "Owners" },
    relations: {
      items: hasMany("items", { foreignKey: "ownerId" }),
      watched: hasMany("items", { foreignKey: "watcherId" }),
    },
  },
  {
    name: "items",
    table: items,
    relations: {
      owner: belongsTo("owners", { field: "ownerId" }),
      watcher: belongsTo("owners", { field: "watcherId" }),
      labels: manyToMany("labels", { through: itemLabels, sourceKey: "itemId", targetKey: "labelId" }),
    },
  },
  { name: "labels", table: labels, label: { one: "Label", many: "Labels" } },
];
const input: SchemaInput = { tables: [owners, items, labels, itemLabels, profiles, looseNotes], resources };

const byAttr = (root: XmlElement, name: string, attr: string) =>
  [...elements(root)].filter((e) => e.name === name && e.attributes[attr] !== undefined);

describe("the model", () => {
  const model = buildSchemaModel(input);

  it("has every table once, sorted, with keys, uniqueness and nullability from Drizzle", () => {
    expect(model.tables.map((t) => t.id)).toEqual([
      "item_labels",
      "items",
      "labels",
      "loose_notes",
      "owners",
      "profiles",
    ]);
    const column = (table: string, name: string) =>
      model.tables.find((t) => t.id === table)?.columns.find((c) => c.name === name);
    expect(column("owners", "id")).toMatchObject({ primaryKey: true, unique: false, nullable: false, type: "uuid" });
    expect(column("owners", "email")).toMatchObject({ unique: true, nullable: false });
    expect(column("owners", "name")).toMatchObject({ unique: false, nullable: true });
    expect(column("items", "slug")).toMatchObject({ unique: true });
    expect(column("items", "reviewer_id")).toMatchObject({ foreignKey: true, nullable: true });
    expect(column("items", "watcher_id")).toMatchObject({ foreignKey: false });
    expect(column("item_labels", "item_id")).toMatchObject({ primaryKey: true, foreignKey: true, type: "integer" });
    expect(model.tables.find((t) => t.id === "owners")?.resources).toEqual([{ name: "owners", label: "Owners" }]);
    expect(model.tables.find((t) => t.id === "items")?.resources).toEqual([{ name: "items", label: "items" }]);
  });

  it("gives each foreign key its crow's-foot ends", () => {
    const fk = (from: string, column: string) =>
      model.foreignKeys.find((k) => k.from === from && k.columns.join() === column);
    expect(fk("items", "owner_id")).toMatchObject({
      to: "owners",
      fromEnd: "zeroOrMany",
      toEnd: "one",
      onDelete: "cascade",
    });
    expect(fk("items", "reviewer_id")).toMatchObject({ fromEnd: "zeroOrMany", toEnd: "zeroOrOne" });
    // The key is the whole primary key: one profile per owner at most.
    expect(fk("profiles", "owner_id")).toMatchObject({ fromEnd: "zeroOrOne", toEnd: "one" });
    expect(model.foreignKeys).toHaveLength(5);
  });

  it("ties relations to the foreign key that implements them, and keeps the others as their own lines", () => {
    const relation = (id: string) => model.relations.find((r) => r.id === id);
    const ownerKey = model.foreignKeys.find((k) => k.from === "items" && k.columns.join() === "owner_id");
    expect(relation("items.owner")?.foreignKey).toBe(ownerKey?.name);
    expect(relation("owners.items")?.foreignKey).toBe(ownerKey?.name);
    expect(ownerKey?.relations).toEqual(["items.owner", "owners.items"]);
    expect(relation("items.watcher")).toMatchObject({ foreignKey: null, fromEnd: "zeroOrMany", toEnd: "zeroOrOne" });
    expect(relation("owners.watched")).toMatchObject({ foreignKey: null, from: "owners", to: "items" });
    expect(relation("items.labels")).toMatchObject({
      kind: "manyToMany",
      through: "item_labels",
      columns: ["item_id", "label_id"],
      foreignKey: null,
    });
  });

  it("reaches tables only a foreign key or a join table names", () => {
    const reached = buildSchemaModel({ tables: [items], resources: [resources[1] as DiagramResourceInput] });
    expect(reached.tables.map((t) => t.id)).toEqual(["item_labels", "items", "labels", "owners"]);
  });
});

describe("the SVG", () => {
  const svg = schemaDiagram(input).svg("file");
  const root = parseXml(svg);

  it("is well-formed XML with an accessible name and description", () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(root.name).toBe("svg");
    expect(root.attributes).toMatchObject({
      role: "img",
      "aria-labelledby": "erd-title",
      "aria-describedby": "erd-desc",
    });
    const title = root.children.find((c): c is XmlElement => typeof c !== "string" && c.name === "title");
    expect(title && textOf(title)).toBe("Database schema");
    const desc = [...elements(root)].find((e) => e.name === "desc");
    expect(desc && textOf(desc)).toContain("6 tables, 5 foreign keys, 5 resource relations");
  });

  it("has a box for every table with every column, its type and its markers", () => {
    const boxes = byAttr(root, "g", "data-table");
    expect(boxes.map((b) => b.attributes["data-table"]).sort()).toEqual(
      ["item_labels", "items", "labels", "loose_notes", "owners", "profiles"].sort(),
    );
    for (const table of input.tables) {
      const config = getTableConfig(table);
      const box = boxes.find((b) => b.attributes["data-table"] === config.name) as XmlElement;
      const texts = [...elements(box)].filter((e) => e.name === "text").map(textOf);
      for (const column of config.columns) expect(texts).toContain(column.name);
    }
    const owner = boxes.find((b) => b.attributes["data-table"] === "owners") as XmlElement;
    const ownerTexts = [...elements(owner)].filter((e) => e.name === "text").map(textOf);
    expect(ownerTexts).toEqual(
      expect.arrayContaining(["owners", "resource: Owners (owners)", "PK", "UQ", "uuid", "null"]),
    );
  });

  it("draws every foreign key, and every relation on its key or as a line of its own", () => {
    const model = buildSchemaModel(input);
    const edges = byAttr(root, "g", "data-key");
    const keys = edges.filter((e) => e.attributes.class?.includes("erd-foreignKey"));
    expect(keys.map((e) => e.attributes["data-key"]).sort()).toEqual(model.foreignKeys.map((k) => k.name).sort());
    const drawn = new Set(edges.flatMap((e) => (e.attributes["data-relations"] ?? "").split(",").filter(Boolean)));
    expect([...drawn].sort()).toEqual(model.relations.map((r) => r.id).sort());
    const lines = edges
      .filter((e) => e.attributes.class?.includes("erd-relation"))
      .map((e) => e.attributes["data-key"]);
    expect(lines.sort()).toEqual(["items.labels", "items.watcher", "owners.watched"]);
    for (const edge of edges) {
      const path = [...elements(edge)].find((e) => e.name === "path");
      expect(path?.attributes.d).toMatch(/^M[\d.]+,[\d.]+/);
    }
  });

  it("refers only to markers it defines, and holds nothing active or external", () => {
    const ids = new Set([...elements(root)].map((e) => e.attributes.id).filter(Boolean));
    for (const e of elements(root)) {
      for (const [name, value] of Object.entries(e.attributes)) {
        expect(name.toLowerCase().startsWith("on"), name).toBe(false);
        expect(name).not.toMatch(/href/i);
        for (const ref of value.matchAll(/url\(#([^)]+)\)/g)) expect(ids.has(ref[1])).toBe(true);
      }
    }
    const names = new Set([...elements(root)].map((e) => e.name));
    expect(
      [...names].filter(
        (n) => !["svg", "title", "desc", "style", "defs", "marker", "g", "path", "circle", "rect", "text"].includes(n),
      ),
    ).toEqual([]);
    expect(svg).not.toMatch(/<script|javascript:|@import|url\((?!#)/i);
  });

  it("is byte-identical across runs, whatever order the tables and resources come in", () => {
    const again = schemaDiagram({
      tables: [...input.tables].reverse(),
      resources: [...resources].reverse(),
    }).svg("file");
    expect(again).toBe(svg);
    expect(schemaDiagram(input).svg("page")).toBe(schemaDiagram(input).svg("page"));
  });

  it("in the page reads its colours from the theme's variables, and in the file has them written out", () => {
    const page = schemaDiagram(input).svg("page");
    expect(page.startsWith("<svg")).toBe(true);
    expect(page).toContain("var(--erd-fg,#18181b)");
    expect(svg).not.toContain("var(");
    // Every rule is under .erd, so the inline SVG's <style> touches nothing else of the page.
    const style = [...elements(parseXml(page))].find((e) => e.name === "style");
    for (const rule of textOf(style as XmlElement)
      .split("}")
      .filter(Boolean)) {
      for (const selector of (rule.split("{")[0] ?? "").split(",")) expect(selector.trim()).toMatch(/^\.erd\b/);
    }
  });
});

describe("limits", () => {
  it("draws at most MAX_TABLES tables and says how many it left out", () => {
    const many = Array.from({ length: MAX_TABLES + 7 }, (_, i) =>
      pgTable(`t${String(i).padStart(4, "0")}`, { id: uuid("id").primaryKey() }),
    );
    const diagram = schemaDiagram({ tables: many });
    expect(diagram.model.tables).toHaveLength(MAX_TABLES);
    expect(diagram.model.omittedTables).toBe(7);
    const root = parseXml(diagram.svg("file"));
    expect(byAttr(root, "g", "data-table")).toHaveLength(MAX_TABLES);
    expect(diagram.svg("file")).toContain("7 more tables are not shown");
  });

  it("shows the first 40 columns of a wide table and counts the rest; the model keeps them all", () => {
    const columns = Object.fromEntries(Array.from({ length: 55 }, (_, i) => [`c${i}`, text(`column_${i}`)]));
    const diagram = schemaDiagram({ tables: [pgTable("wide", columns)] });
    expect(diagram.model.tables[0]?.columns).toHaveLength(55);
    const svg = diagram.svg("file");
    expect(svg).toContain(">column_39<");
    expect(svg).not.toContain(">column_40<");
    expect(svg).toContain("… 15 more columns");
  });
});

/** Names with everything XML and SVG care about: markup, entities, quotes, controls, lone surrogates, wide text. */
const hostileName = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<",
        ">",
        "&",
        '"',
        "'",
        "]]>",
        "<script>",
        "&amp;",
        "</text>",
        "\u0000",
        "\u001f",
        "\ud800",
        "\udc00",
        "\ufffe",
        "😀",
        "表",
        "\n",
      ),
      fc.string({ maxLength: 4, unit: "binary" }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(""))
  .filter((name) => name.length > 0);

describe("hostile names", () => {
  it("any table or column name gives well-formed, inert SVG in both modes, with the name's text in it", () => {
    fc.assert(
      fc.property(
        hostileName,
        fc.uniqueArray(hostileName, { minLength: 1, maxLength: 4 }),
        hostileName,
        (tableName, columnNames, other) => {
          const columns = Object.fromEntries(columnNames.map((name, i) => [`c${i}`, text(name)]));
          const target = pgTable(other, { id: uuid("id").primaryKey() });
          const table = pgTable(tableName, { ...columns, ref: uuid("ref").references(() => target.id) });
          const resource: DiagramResourceInput = {
            name: tableName,
            table,
            label: { one: other, many: other },
            relations: { [other]: belongsTo(other, { field: "ref" }) },
          };
          const targetResource: DiagramResourceInput = { name: other, table: target };
          for (const mode of ["file", "page"] as const) {
            const svg = schemaDiagram({ tables: [table, target], resources: [resource, targetResource] }).svg(mode);
            const root = parseXml(svg);
            const allowed = new Set([
              "svg",
              "title",
              "desc",
              "style",
              "defs",
              "marker",
              "g",
              "path",
              "circle",
              "rect",
              "text",
            ]);
            for (const e of elements(root)) {
              expect(allowed.has(e.name)).toBe(true);
              for (const name of Object.keys(e.attributes)) expect(name.toLowerCase().startsWith("on")).toBe(false);
            }
            // The data attributes carry the names whole (repaired only where XML cannot hold a character).
            const tables = byAttr(root, "g", "data-table").map((e) => e.attributes["data-table"]);
            expect(tables).toHaveLength(tableName === other ? 1 : 2);
            expect(tables).toContain(xmlSafe(tableName));
            // Two names XML cannot hold apart (lone surrogates both repaired to U+FFFD) give two boxes of one name:
            // the table's is the one with its columns.
            const boxTexts = byAttr(root, "g", "data-table")
              .filter((e) => e.attributes["data-table"] === xmlSafe(tableName))
              .map((box) => [...elements(box)].filter((e) => e.name === "text").map(textOf));
            const wanted = columnNames.map((name) => xmlSafe(truncate(name, 40)));
            expect(boxTexts.some((texts) => wanted.every((name) => texts.includes(name)))).toBe(true);
          }
        },
      ),
      { numRuns: 100, examples: [["\udc00", ["<"], "\ud800"]] },
    );
  });
});
