/**
 * This app's diagram covers this app's schema: every table exported by db/schema, every foreign key Drizzle knows,
 * every relation of every registered resource; and it is drawn the same, byte for byte, every time.
 */
import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { appConfig } from "@/atrium.config";
import * as schema from "@/db/schema";
import { schemaDiagram, tablesIn } from "@/server/core/schema-diagram";
import { elements, parseXml, type XmlElement } from "@/server/core/schema-diagram/testing/parse-xml";
import { resources } from "@/server/resources";
import { appSchemaDiagram } from "./app-diagram";

const svg = appSchemaDiagram().svg("file");
const root = parseXml(svg);
const groups = (attr: string) => [...elements(root)].filter((e) => e.name === "g" && e.attributes[attr] !== undefined);

describe("the app's schema diagram", () => {
  it("has a box for every table of db/schema", () => {
    const drawn = new Set(groups("data-table").map((g) => g.attributes["data-table"]));
    const tables = tablesIn(schema).map((t) => getTableConfig(t).name);
    expect(tables.length).toBeGreaterThan(10);
    for (const name of tables) expect(drawn, name).toContain(name);
  });

  it("draws every foreign key of every table", () => {
    const keys = new Set(groups("data-key").map((g) => g.attributes["data-key"]));
    const expected = tablesIn(schema).flatMap((t) => getTableConfig(t).foreignKeys.map((fk) => fk.getName()));
    expect(expected.length).toBeGreaterThan(5);
    for (const name of expected) expect(keys, name).toContain(name);
  });

  it("draws every relation of every registered resource, and labels the boxes with their resources", () => {
    const drawn = new Set(groups("data-relations").flatMap((g) => (g.attributes["data-relations"] ?? "").split(",")));
    for (const resource of Object.values(resources)) {
      for (const name of Object.keys(resource.relations ?? {})) expect(drawn).toContain(`${resource.name}.${name}`);
      const box = groups("data-table").find(
        (g) => g.attributes["data-table"] === getTableConfig(resource.table).name,
      ) as XmlElement;
      expect(JSON.stringify(box), resource.name).toContain(resource.name);
    }
  });

  it("is byte-identical when drawn again from scratch", () => {
    const again = schemaDiagram(
      { tables: tablesIn(schema), resources: Object.values(resources) },
      { title: `${appConfig.name} database schema` },
    );
    expect(again.svg("file")).toBe(svg);
  });
});
