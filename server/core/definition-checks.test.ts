/**
 * A wrong definition fails when it is defined or when the registry is assembled (at server start, see boot.ts),
 * with a message naming the resource and the key, never later as a silently empty relation or a 500 on every call.
 * The types refuse most of these definitions already (definition-checks.test-d.ts); these run-time checks catch
 * what gets past them (casts, JavaScript, facts types cannot see such as uuid against integer keys).
 */
import { integer, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { postTags, users } from "@/db/schema";
import { captureLogs } from "@/server/core/logging/testing";
import { resources } from "@/server/resources";
import { assertDefinitionsOrExit, describeDefinitionProblems, loadDefinitionProblems } from "../boot";
import { checkRegistry, DefinitionError, registryProblems } from "./definition-checks";
import { belongsTo, hasCount, hasMany, manyToMany } from "./relations";
import { type AnyResource, defineResource } from "./resource";
import { resourceRouters } from "./router";

const projects = pgTable("projects", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  ownerId: uuid("owner_id").notNull(),
  legacyOwner: integer("legacy_owner"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
});
const PROJECT_COLUMNS = "id, name, ownerId, legacyOwner, createdAt, archivedAt";

/** The types refuse every config below; this is how they reach the run-time checks (as from JavaScript, or a cast). */
const defineUnchecked = defineResource as unknown as (name: string, config: Record<string, unknown>) => AnyResource;

/** The users table alone, without the demo's relations to posts. */
const plainUsers = defineResource("users", { table: users, titleField: "name" });

const project = (config: Record<string, unknown> = {}) =>
  defineUnchecked("projects", { table: projects, titleField: "name", ...config });

function problemsOf(define: () => unknown): string[] {
  try {
    define();
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  return [];
}

describe("defineResource refuses a definition that contradicts its table", () => {
  it("names an unknown fields key, and the columns there are", () => {
    expect(() => project({ fields: { name: {}, nmae: { label: "Name" } } })).toThrowError(
      `resource "projects": fields.nmae is not a column of projects (columns: ${PROJECT_COLUMNS})`,
    );
  });

  it("names a belongsTo field that is not a column (it used to expand to a silent null)", () => {
    const define = () => project({ relations: { owner: belongsTo("users", { field: "ownerIdd" }) } });
    expect(define).toThrowError(DefinitionError);
    expect(define).toThrowError(
      `resource "projects": relations.owner: belongsTo field "ownerIdd" is not a column of projects (columns: ${PROJECT_COLUMNS})`,
    );
  });

  it("names a titleField that is not a column", () => {
    expect(() => project({ titleField: "title" })).toThrowError(
      `resource "projects": titleField "title" is not a column of projects`,
    );
  });

  it("takes a nullable timestamp for softDelete, and nothing else", () => {
    expect(project({ softDelete: "archivedAt" }).softDelete).toBe("archivedAt");
    expect(() => project({ softDelete: "createdAt" })).toThrowError(
      `resource "projects": softDelete "createdAt" must be a nullable timestamp column, not timestamp with time zone not null`,
    );
    expect(() => project({ softDelete: "legacyOwner" })).toThrowError(
      /softDelete "legacyOwner" must be a nullable timestamp column, not integer$/,
    );
    expect(() => project({ softDelete: "deletedAt" })).toThrowError(
      /softDelete "deletedAt" is not a column of projects/,
    );
  });

  it("names defaultSort keys that are not columns, and page sizes that cannot work", () => {
    expect(
      problemsOf(() => project({ list: { defaultSort: ["-createdAt", "-updatedAt"], defaultPerPage: 500 } })),
    ).toEqual([
      `resource "projects": list.defaultSort: "-updatedAt" names no column of projects (columns: ${PROJECT_COLUMNS})`,
      `resource "projects": list.defaultPerPage (500) is more than list.maxPerPage (100)`,
    ]);
    expect(problemsOf(() => project({ list: { maxBatch: 0 } }))).toEqual([
      `resource "projects": list.maxBatch must be a positive integer, not 0`,
    ]);
  });

  it("names manyToMany keys that are not columns of the join table", () => {
    const tagsOf = manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tagId" });
    expect(problemsOf(() => project({ relations: { tags: { ...tagsOf, sourceKey: "projectId" } } }))).toEqual([
      `resource "projects": relations.tags: manyToMany sourceKey "projectId" is not a column of the join table post_tags (columns: postId, tagId)`,
    ]);
  });

  it("names an access key that is no operation, and a rule without allow", () => {
    expect(
      problemsOf(() => project({ access: { lst: { name: "x", allow: () => true }, get: { name: "x" } } })),
    ).toEqual([
      `resource "projects": access.lst is no operation (operations: list, get, create, update, delete, readDeleted, restore, purge, revert)`,
      `resource "projects": access.get must be a rule with a name and an allow function (see rule() in access.ts)`,
    ]);
  });

  it("names a hook that does not exist (it would never run)", () => {
    expect(problemsOf(() => project({ hooks: { beforeCreat: () => ({}), afterCommit: "notify" } }))).toEqual([
      `resource "projects": hooks.beforeCreat is no hook (hooks: shapeCreate, beforeCreate, afterCreate, beforeUpdate, afterUpdate, beforeDelete, afterDelete, afterCommit)`,
      `resource "projects": hooks.afterCommit must be a function`,
    ]);
  });

  it("refuses a field with a read rule that could be filtered (it would reveal what the rule hides)", () => {
    const hidden = { access: { read: { name: "admins", allow: () => false } }, filterable: true };
    expect(() => project({ fields: { ownerId: hidden } })).toThrowError(
      `resource "projects": fields.ownerId has a read rule, so it cannot be filtered, sorted or searched`,
    );
  });

  it("lists every problem at once, one per line", () => {
    const define = () =>
      project({ titleField: "title", fields: { nmae: {} }, rateLimit: { create: { limit: 0, windowSeconds: 60 } } });
    const problems = problemsOf(define);
    expect(problems).toHaveLength(3);
    expect(() => define()).toThrowError(problems.join("\n"));
    expect(problems.every((p) => p.startsWith(`resource "projects": `))).toBe(true);
  });

  it("a well-formed definition passes (the demo's are all defined at import)", () => {
    const ok = project({
      softDelete: "archivedAt",
      fields: { name: { label: "Name", sortable: true } },
      relations: { owner: belongsTo("users", { field: "ownerId" }) },
      list: { defaultSort: ["name"] },
    });
    expect(ok.info.idKey).toBe("id");
  });

  it("property: a fields key is accepted exactly when it is a column, and a refusal names it", () => {
    const columns = PROJECT_COLUMNS.split(", ");
    const key = fc.oneof(
      fc.constantFrom(...columns),
      fc.string({ maxLength: 12 }),
      fc.constantFrom("__proto__", "constructor", "toString"),
    );
    fc.assert(
      fc.property(key, (k) => {
        const problems = problemsOf(() => project({ fields: Object.fromEntries([[k, { label: "L" }]]) }));
        if (columns.includes(k)) expect(problems).toEqual([]);
        else
          expect(problems).toEqual([
            `resource "projects": fields.${k} is not a column of projects (columns: ${PROJECT_COLUMNS})`,
          ]);
      }),
    );
  });

  it("property: a belongsTo field is accepted exactly when it is a column", () => {
    const columns = PROJECT_COLUMNS.split(", ");
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...columns), fc.string({ maxLength: 12 })), (field) => {
        const problems = problemsOf(() => project({ relations: { owner: belongsTo("users", { field }) } }));
        expect(problems.length === 0).toBe(columns.includes(field));
      }),
    );
  });
});

describe("the registry: relations between definitions", () => {
  const owned = project({
    relations: {
      owner: belongsTo("users", { field: "ownerId" }),
      legacy: belongsTo("users", { field: "legacyOwner" }),
    },
  });

  it("names a relation target that is not registered, with the names there are", () => {
    const bad = project({ relations: { owner: belongsTo("userz", { field: "ownerId" }) } });
    expect(() => checkRegistry({ users: plainUsers, projects: bad })).toThrowError(
      `resource "projects": relations.owner: target "userz" is not a registered resource (resources: users, projects)`,
    );
  });

  it("names a hasMany or hasCount foreignKey that is not a column of the target", () => {
    const people = defineUnchecked("people", {
      table: users,
      titleField: "name",
      relations: {
        projects: hasMany("projects", { foreignKey: "ownerIdd" }),
        projectCount: hasCount("projects", { foreignKey: "owner_id" }),
      },
    });
    expect(registryProblems({ people, projects: project() })).toEqual([
      `resource "people": relations.projects: hasMany foreignKey "ownerIdd" is not a column of projects (columns: ${PROJECT_COLUMNS})`,
      `resource "people": relations.projectCount: hasCount foreignKey "owner_id" is not a column of projects (columns: ${PROJECT_COLUMNS})`,
    ]);
  });

  it("names key columns whose type cannot hold the target's ids", () => {
    const serialTags = pgTable("serial_tags", { id: serial("id").primaryKey(), name: text("name").notNull() });
    const numbered = defineUnchecked("tags", { table: serialTags, titleField: "name" });
    const linked = project({
      relations: { tags: manyToMany("tags", { through: postTags, sourceKey: "postId", targetKey: "tagId" }) },
    });
    expect(
      registryProblems({
        users: plainUsers,
        projects: owned,
        tags: numbered,
        linked: { ...linked, name: "linked" },
      }),
    ).toEqual([
      `resource "projects": relations.legacy: belongsTo field "legacyOwner" cannot hold users ids (it is integer, users.id is uuid)`,
      `resource "linked": relations.tags: manyToMany targetKey "tagId" cannot hold tags ids (it is uuid, tags.id is serial)`,
    ]);
  });

  it("names a resource registered under another name", () => {
    expect(registryProblems({ project: project() })).toEqual([
      `resource "projects" is registered under another key "project"`,
    ]);
  });

  it("is checked when the routers are built, so a bad registry never serves a request", () => {
    const bad = project({ relations: { owner: belongsTo("userz", { field: "ownerId" }) } });
    expect(() => resourceRouters({ ...resources, projects: bad })).toThrowError(/relations\.owner: target "userz"/);
  });

  it("the demo registry passes, and so does a new resource pointing into it", () => {
    expect(registryProblems(resources)).toEqual([]);
    const good = project({ relations: { owner: belongsTo("users", { field: "ownerId" }) } });
    expect(registryProblems({ ...resources, projects: good })).toEqual([]);
  });
});

describe("server start (boot.ts)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reports problems from a definition that throws while the registry is imported", async () => {
    const problems = await loadDefinitionProblems(async () => ({ projects: project({ fields: { nmae: {} } }) }));
    expect(problems).toEqual([
      `resource "projects": fields.nmae is not a column of projects (columns: ${PROJECT_COLUMNS})`,
    ]);
  });

  it("reports problems between the loaded definitions", async () => {
    const bad = project({ relations: { owner: belongsTo("userz", { field: "ownerId" }) } });
    expect(await loadDefinitionProblems(async () => ({ users: plainUsers, projects: bad }))).toEqual([
      `resource "projects": relations.owner: target "userz" is not a registered resource (resources: users, projects)`,
    ]);
  });

  it("lets other errors through: they are not definition problems", async () => {
    await expect(loadDefinitionProblems(async () => Promise.reject(new Error("disk full")))).rejects.toThrow(
      "disk full",
    );
  });

  it("prints the problems naming resource and key; production exits, development keeps serving", async () => {
    const logs = captureLogs();
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const load = async () => ({ projects: project({ fields: { nmae: {} }, titleField: "title" }) });
    try {
      await assertDefinitionsOrExit(false, load);
      expect(exit).not.toHaveBeenCalled();
      await assertDefinitionsOrExit(true, load);
      expect(exit).toHaveBeenCalledWith(1);
      const [line] = logs.entries();
      expect(line).toMatchObject({ level: "error", area: "boot" });
      expect(line?.msg).toBe(
        describeDefinitionProblems([
          `resource "projects": titleField "title" is not a column of projects (columns: ${PROJECT_COLUMNS})`,
          `resource "projects": fields.nmae is not a column of projects (columns: ${PROJECT_COLUMNS})`,
        ]),
      );
      expect(line?.msg).toMatch(
        /^\[atrium\] The resource definitions \(server\/resources\) have 2 problems:\n {2}- resource "projects": titleField/,
      );
    } finally {
      logs.restore();
    }
  });

  it("starts quietly with the app's own definitions", async () => {
    const logs = captureLogs();
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      await assertDefinitionsOrExit(true);
      expect(logs.entries()).toHaveLength(0);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      logs.restore();
    }
  });
});
