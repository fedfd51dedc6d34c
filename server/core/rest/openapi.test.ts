/**
 * The OpenAPI document of the app's resources, per caller: valid OpenAPI 3.1 for every actor, with nothing in it that
 * `meta` does not show that caller (no path for an operation their rules refuse, no field they may not read or set),
 * and usable by a standard generator (openapi-typescript).
 */
import { randomUUID } from "node:crypto";
import { validate } from "@readme/openapi-parser";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { resources } from "@/server/resources";
import { anyone } from "../access";
import type { Actor } from "../actor";
import type { FieldReadRule } from "../fields";
import { describeResource } from "../meta";
import { type AnyResource, defineResource } from "../resource";
import { type OpenApiDocument, openApiDocument } from "./openapi";
import { schemaNames } from "./openapi-schemas";

const registry = resources as unknown as Record<string, AnyResource>;
type Role = "admin" | "editor" | "member";

function signedIn(role: Role): Actor {
  const user = { id: randomUUID(), name: role, email: `${role}@example.com`, role, emailVerifiedAt: new Date() };
  return { kind: "user", user, via: "session" };
}

const ACTORS: Record<string, Actor> = {
  anonymous: { kind: "anonymous" },
  member: signedIn("member"),
  editor: signedIn("editor"),
  admin: signedIn("admin"),
};

const documentOf = (actor: Actor) => openApiDocument(registry, actor, { serverUrl: "http://localhost:3000/api/v1" });

type Schema = { properties?: Record<string, unknown>; required?: string[] };
const schema = (doc: OpenApiDocument, name: string) => doc.components.schemas[name] as Schema | undefined;

describe("the OpenAPI document, per caller", () => {
  it.each(Object.keys(ACTORS))("is valid OpenAPI 3.1 for %s", async (name) => {
    const doc = documentOf(ACTORS[name] as Actor);
    expect(doc.openapi).toBe("3.1.0");
    // The validator dereferences in place: it gets a copy.
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors, JSON.stringify(result)).toEqual([]);
    expect(result.specification).toBe("OpenAPI");
  });

  it("has operations only where meta lets the caller run them", () => {
    for (const actor of Object.values(ACTORS)) {
      const doc = documentOf(actor);
      for (const [name, resource] of Object.entries(registry)) {
        const { can, softDelete, actions } = describeResource(resource, registry, actor);
        const path = (p: string) => doc.paths[`/${name}${p}`] as Record<string, unknown> | undefined;
        expect(Boolean(path("")?.get), `${name} list`).toBe(can.list);
        expect(Boolean(path("")?.post), `${name} create`).toBe(can.create);
        expect(Boolean(path("/{id}")?.get), `${name} get`).toBe(can.get);
        expect(Boolean(path("/{id}")?.patch), `${name} update`).toBe(can.update);
        expect(Boolean(path("/{id}")?.delete), `${name} delete`).toBe(can.delete);
        expect(Boolean(path("/batch/delete")?.post), `${name} deleteMany`).toBe(can.delete);
        expect(Boolean(path("/{id}/restore")?.post), `${name} restore`).toBe(softDelete && can.restore);
        for (const action of actions ?? []) {
          const at = action.target === "record" ? `/{id}/actions/${action.name}` : `/actions/${action.name}`;
          expect(Boolean(path(at)?.post), `${name}.${action.name}`).toBe(action.can);
        }
      }
    }
  });

  it("gives no list path for a resource the caller cannot list", () => {
    const anonymous = documentOf(ACTORS.anonymous as Actor);
    const admin = documentOf(ACTORS.admin as Actor);
    expect(anonymous.paths["/requestLogs"]).toBeUndefined();
    expect(anonymous.components.schemas.RequestLogs).toBeUndefined();
    expect(admin.paths["/requestLogs"]?.get).toMatchObject({ operationId: "requestLogs.list" });
    // Anonymous callers read published posts, so they have the list, but may not write.
    expect(anonymous.paths["/posts"]?.get).toMatchObject({ operationId: "posts.list" });
    expect(anonymous.paths["/posts"]?.post).toBeUndefined();
    expect(anonymous.components.schemas.PostsCreate).toBeUndefined();
  });

  it("leaves out of a member's document what is hidden from members", () => {
    const member = documentOf(ACTORS.member as Actor);
    const admin = documentOf(ACTORS.admin as Actor);
    // Hidden from everyone: never in any document.
    for (const doc of [member, admin]) {
      const text = JSON.stringify(doc);
      for (const secret of ["passwordHash", "twoFactorSecret", "twoFactorLastStep"]) expect(text).not.toContain(secret);
    }
    // Set by admins only: in the admin's update schema, not the member's.
    expect(Object.keys(schema(member, "UsersUpdate")?.properties ?? {})).not.toContain("role");
    expect(Object.keys(schema(admin, "UsersUpdate")?.properties ?? {})).toContain("role");
    // Read by a member on their own record only: optional for them, always there for admins, never for anonymous.
    expect(schema(documentOf(ACTORS.anonymous as Actor), "Users")?.properties).not.toHaveProperty("email");
    expect(schema(member, "Users")?.properties).toHaveProperty("email");
    expect(schema(member, "Users")?.required).not.toContain("email");
    expect(schema(admin, "Users")?.required).toContain("email");
    // Filterable only by those who read it on every row.
    expect(schema(member, "UsersFilter")?.properties).not.toHaveProperty("blocked");
    expect(schema(admin, "UsersFilter")?.properties).toHaveProperty("blocked");
  });

  it("leaves out a field whose read rule refuses the caller on every row", () => {
    const table = pgTable("oas_notes", {
      id: uuid("id").primaryKey(),
      title: text("title").notNull(),
      internal: text("internal"),
    });
    const staff: FieldReadRule<unknown> = {
      name: "staff",
      allow: ({ user }) => user?.role === "admin" || user?.role === "editor",
    };
    const notes = defineResource("notes", {
      table,
      titleField: "title",
      fields: { internal: { access: { read: staff } } },
      access: { list: anyone, get: anyone },
    });
    const own = { notes } as Record<string, AnyResource>;
    const notesOf = (actor: Actor) => schema(openApiDocument(own, actor, { serverUrl: "/api/v1" }), "Notes") as Schema;
    expect(notesOf(ACTORS.member as Actor).properties).not.toHaveProperty("internal");
    expect(notesOf(ACTORS.anonymous as Actor).properties).not.toHaveProperty("internal");
    expect(notesOf(ACTORS.editor as Actor).required).toContain("internal");
    expect(notesOf(ACTORS.member as Actor).required).toContain("title");
  });

  it("shows no field meta does not show the caller", () => {
    for (const actor of Object.values(ACTORS)) {
      const doc = documentOf(actor);
      for (const [name, resource] of Object.entries(registry)) {
        const meta = describeResource(resource, registry, actor);
        const names = schemaNames(name);
        const fields = new Map(meta.fields.map((f) => [f.name, f]));
        const keys = (s: string) => Object.keys(schema(doc, s)?.properties ?? {});
        for (const key of keys(names.record)) {
          if (key !== "expand") expect(fields.get(key)?.readable, `${name}.${key} read`).toBe(true);
        }
        const links = new Set(meta.relations.filter((r) => r.writable).map((r) => r.name));
        for (const key of keys(names.create)) {
          if (!links.has(key)) expect(fields.get(key)?.canCreate, `${name}.${key} create`).toBe(true);
        }
        for (const key of keys(names.update)) {
          if (!links.has(key)) expect(fields.get(key)?.canUpdate, `${name}.${key} update`).toBe(true);
        }
      }
    }
  });

  it("names operations <resource>.<procedure>, once each", () => {
    const doc = documentOf(ACTORS.admin as Actor);
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).flatMap((op) =>
        op && typeof op === "object" && "operationId" in op ? [op.operationId] : [],
      ),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["posts.list", "posts.get", "posts.create", "posts.publish"]));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z]\w*\.[A-Za-z]\w*$/);
  });

  it("turns into TypeScript with openapi-typescript", async () => {
    const doc = documentOf(ACTORS.admin as Actor);
    const source = astToString(await openapiTS(structuredClone(doc) as never));
    expect(source).toContain('"posts.list"');
    expect(source).toContain("PostsCreate");
    expect(source.length).toBeGreaterThan(1000);
  });
});
