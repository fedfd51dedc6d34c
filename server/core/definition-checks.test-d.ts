/**
 * Type tests: a wrong definition is a type error whose message names the resource and the key. Each
 * `@ts-expect-error` below fails the type check if the mistake under it ever compiles again. (definition-checks.test.ts
 * proves the run-time checks of the same mistakes.)
 */
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { describe, expectTypeOf, it } from "vitest";
import { postTags, users } from "@/db/schema";
import type { RegistryCheck, RegistryProblems } from "./definition-checks-types";
import type { RegisteredResources } from "./registry";
import { belongsTo, hasCount, hasMany, manyToMany } from "./relations";
import { defineResource } from "./resource";

const projects = pgTable("projects", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  ownerId: uuid("owner_id").notNull(),
  legacyOwner: integer("legacy_owner"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
});

describe("one definition against its table", () => {
  it("an unknown fields key is an error at that key", () => {
    defineResource("projects", {
      table: projects,
      titleField: "name",
      fields: {
        name: { label: "Name" },
        // @ts-expect-error resource projects: fields.nmae is not a column of projects
        nmae: { label: "Name" },
      },
    });
    defineResource("projects", {
      table: projects,
      titleField: "name",
      // @ts-expect-error 'nmae' does not exist in type 'FieldsConfig<...>' (the only key, so the plain excess check)
      fields: { nmae: { label: "Name" } },
    });
  });

  it("a belongsTo field must be a column of the defining table", () => {
    defineResource("projects", {
      table: projects,
      titleField: "name",
      relations: {
        // @ts-expect-error resource projects: relations.owner: belongsTo field ownerIdd is not a column of projects
        owner: belongsTo("users", { field: "ownerIdd" }),
      },
    });
  });

  it("manyToMany keys must be columns of the join table", () => {
    // @ts-expect-error Type '"postIdd"' is not assignable ... Did you mean '"postId"'?
    manyToMany("tags", { through: postTags, sourceKey: "postIdd", targetKey: "tagId" });
    // @ts-expect-error targetKey likewise
    manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tag" });
  });

  it("titleField and defaultSort name columns", () => {
    // @ts-expect-error titleField: '"title"' is not assignable to the column keys
    defineResource("projects", { table: projects, titleField: "title" });
    // @ts-expect-error defaultSort: '"-updatedAt"' is not a sort key of projects
    defineResource("projects", { table: projects, titleField: "name", list: { defaultSort: ["-updatedAt"] } });
  });

  it("misspelt options and hooks are errors, not silently ignored", () => {
    // @ts-expect-error 'relation' does not exist in type ... Did you mean to write 'relations'?
    defineResource("projects", { table: projects, titleField: "name", relation: {} });
    // @ts-expect-error 'beforeCreat' does not exist in type 'ResourceHooks<...>'
    defineResource("projects", { table: projects, titleField: "name", hooks: { beforeCreat: () => ({}) } });
  });

  it("softDelete is a nullable timestamp column", () => {
    // @ts-expect-error createdAt is not null
    defineResource("projects", { table: projects, titleField: "name", softDelete: "createdAt" });
    // @ts-expect-error legacyOwner is no timestamp
    defineResource("projects", { table: projects, titleField: "name", softDelete: "legacyOwner" });
    const ok = defineResource("projects", { table: projects, titleField: "name", softDelete: "archivedAt" });
    expectTypeOf(ok.softDelete).toEqualTypeOf<"archivedAt" | undefined>();
  });

  it("a well-formed definition keeps its literal types (what the generated API is typed from)", () => {
    const ok = defineResource("projects", {
      table: projects,
      titleField: "name",
      fields: { name: { label: "Name", sortable: true } },
      relations: {
        owner: belongsTo("users", { field: "ownerId" }),
        tags: manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tagId", writable: true }),
      },
    });
    expectTypeOf(ok.relations?.owner.field).toEqualTypeOf<"ownerId" | undefined>();
    expectTypeOf(ok.relations?.tags.writable).toEqualTypeOf<true | undefined>();
  });
});

/** A second resource, to be registered next to projects in the registries below. */
const people = defineResource("people", {
  table: users,
  titleField: "name",
  relations: {
    projects: hasMany("projects", { foreignKey: "ownerId" }),
    projectCount: hasCount("projects", { foreignKey: "ownerId" }),
  },
});
describe("the registry: relations between definitions", () => {
  it("the app's registry is sound", () => {
    expectTypeOf<RegistryProblems<RegisteredResources>>().toEqualTypeOf<never>();
    expectTypeOf<RegistryCheck<RegisteredResources>>().toEqualTypeOf<true>();
  });

  it("a sound registry of new resources passes", () => {
    const projectsResource = defineResource("projects", {
      table: projects,
      titleField: "name",
      relations: { owner: belongsTo("people", { field: "ownerId" }) },
    });
    const check: RegistryCheck<{ people: typeof people; projects: typeof projectsResource }> = true;
    expectTypeOf(check).toEqualTypeOf<true>();
  });

  it("an unregistered target is named", () => {
    const projectsResource = defineResource("projects", {
      table: projects,
      titleField: "name",
      relations: { owner: belongsTo("peple", { field: "ownerId" }) },
    });
    type Registry = { people: typeof people; projects: typeof projectsResource };
    expectTypeOf<
      RegistryProblems<Registry>
    >().toEqualTypeOf<"resource projects: relations.owner: target peple is not a registered resource">();
    // @ts-expect-error Type 'true' is not assignable to type '"resource projects: relations.owner: target peple ..."'
    const check: RegistryCheck<Registry> = true;
    void check;
  });

  it("a hasMany or hasCount foreignKey that is not a column of the target is named", () => {
    const wrong = defineResource("people", {
      table: users,
      titleField: "name",
      relations: {
        projects: hasMany("projects", { foreignKey: "ownerIdd" }),
        projectCount: hasCount("projects", { foreignKey: "legacyOwner" }),
      },
    });
    const projectsResource = defineResource("projects", { table: projects, titleField: "name" });
    expectTypeOf<RegistryProblems<{ people: typeof wrong; projects: typeof projectsResource }>>().toEqualTypeOf<
      | "resource people: relations.projects: foreignKey ownerIdd is not a column of projects"
      | "resource people: relations.projectCount: foreignKey projects.legacyOwner does not hold people ids (its type differs from people.id)"
    >();
  });

  it("a belongsTo field whose type cannot hold the target's ids is named", () => {
    const legacy = defineResource("projects", {
      table: projects,
      titleField: "name",
      relations: { owner: belongsTo("people", { field: "legacyOwner" }) },
    });
    expectTypeOf<
      RegistryProblems<{ people: typeof people; projects: typeof legacy }>
    >().toEqualTypeOf<"resource projects: relations.owner: belongsTo field legacyOwner does not hold people ids (its type differs from people.id)">();
  });

  it("a resource registered under another name is named", () => {
    expectTypeOf<RegistryProblems<{ persons: typeof people }>>().toEqualTypeOf<
      | "resources.persons: the resource registered under persons is named otherwise"
      | "resource persons: relations.projects: target projects is not a registered resource"
      | "resource persons: relations.projectCount: target projects is not a registered resource"
    >();
  });
});
