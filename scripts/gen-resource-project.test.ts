/**
 * `npm run gen:resource` end to end, on a throwaway copy of this checkout: the generated resource type-checks with
 * the rest of the server, its migration applies on a real PostgreSQL, and its API serves it with its rules. A refused
 * name leaves every file as it was.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withDatabase } from "@/db/testing/urls";
import { bin, copyProject, type ProjectCopy } from "./project-copy";

/** Calls the copy's API in-process (like bench:write) after applying the copy's migrations. Type-checked too. */
const SMOKE = `import { createDatabase } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { users } from "./db/schema";
import { callers, rejection } from "./server/testing";

const url = process.env.DATABASE_URL ?? "";
await migrateDatabase(url);
const handle = createDatabase(url, { max: 2 });
const [mia] = await handle.db
  .insert(users)
  .values({ name: "Mia", email: "mia@example.com", role: "member" })
  .returning({ id: users.id, name: users.name, email: users.email, role: users.role, emailVerifiedAt: users.emailVerifiedAt });
if (!mia) throw new Error("no user");
const api = callers(handle.db);
const created = await api.as(mia).invoices.create({ name: "First invoice", budget: "12.50" });
const name: string = created.name;
const list = await api.as(mia).invoices.list({ expand: ["owner"], filter: { status: { eq: "draft" } } });
const anonymous = await rejection(api.anonymous.invoices.list({}));
const stranger = await rejection(api.as({ ...mia, id: crypto.randomUUID() }).invoices.delete({ id: created.id }));
console.log(JSON.stringify({
  name,
  budget: list.items[0]?.budget,
  owner: list.items[0]?.expand?.owner?.name,
  total: list.totalItems,
  anonymous: anonymous.code,
  stranger: stranger.code,
}));
await handle.close();
`;

const TSCONFIG = {
  extends: "./tsconfig.json",
  compilerOptions: { incremental: false },
  // The server graph the resource lives in (router, engine, every definition, the schema) and the smoke script;
  // pages and components are not what the generator touches, and checking them would double the time. Not
  // next-env.d.ts: a fresh clone has none until Next first runs, and the server graph does not need it.
  include: [],
  files: ["server/router.ts", "gen-smoke.ts"],
};

async function treeHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const sub of ["db/schema", "db/migrations", "db/migrations/meta", "server/resources"]) {
    for (const file of (await readdir(path.join(dir, sub), { withFileTypes: true })).filter((e) => e.isFile())) {
      hash.update(`${sub}/${file.name}\0`);
      hash.update(await readFile(path.join(dir, sub, file.name)));
    }
  }
  return hash.digest("hex");
}

describe("npm run gen:resource on a copy of the project", () => {
  let copy: ProjectCopy;
  let admin: postgres.Sql;
  const database = `gen_resource_${process.pid}`;

  beforeAll(async () => {
    copy = await copyProject("atrium-gen-");
    admin = postgres(inject("testAdminUrl"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${database}"`);
  });

  afterAll(async () => {
    await admin?.unsafe(`drop database if exists "${database}" with (force)`);
    await admin?.end({ timeout: 5 });
    await copy?.remove();
  });

  it("refuses a bad, reserved or existing name and writes nothing", async () => {
    const before = await treeHash(copy.dir);
    for (const [name, why] of [
      ["Invoices", "not a valid resource name"],
      ["class", "reserved"],
      ["users", "already exists"],
    ] as const) {
      const result = await copy.run(bin(copy, "tsx"), ["scripts/gen-resource.ts", name]);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(why);
      expect(result.output).toContain("Nothing was written.");
    }
    const badField = await copy.run(bin(copy, "tsx"), ["scripts/gen-resource.ts", "invoices", "--fields", "x:userz"]);
    expect(badField.output).toContain('"userz" is neither a type nor a registered resource');
    expect(await treeHash(copy.dir)).toBe(before);
  }, 60_000);

  it("generates a resource that type-checks, migrates and serves its API with its rules", async () => {
    const generated = await copy.run(bin(copy, "tsx"), [
      "scripts/gen-resource.ts",
      "invoices",
      "--fields",
      "name:text:unique status:enum(draft,sent,paid) budget:numeric(12,2)? dueDate:date? notes:text?",
      "--owner",
      "--soft-delete",
    ]);
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toMatch(
      /created db\/schema\/invoices\.ts, server\/resources\/invoices\.ts and db\/migrations\/\d{4}_create_invoices\.sql/,
    );
    expect(generated.output).toContain("/admin/invoices");
    expect(await readFile(path.join(copy.dir, "server/resources/index.ts"), "utf8")).toContain(
      "  invoices: invoicesResource,\n};",
    );
    expect(await readFile(path.join(copy.dir, "db/schema/index.ts"), "utf8")).toContain('export * from "./invoices";');

    await writeFile(path.join(copy.dir, "gen-smoke.ts"), SMOKE);
    await writeFile(path.join(copy.dir, "tsconfig.gen-check.json"), JSON.stringify(TSCONFIG));
    const smoke = await copy.run(bin(copy, "tsx"), ["--conditions=react-server", "gen-smoke.ts"], {
      DATABASE_URL: withDatabase(inject("testAdminUrl"), database),
    });
    expect(smoke.code, smoke.output).toBe(0);
    const lastLine = smoke.output.trim().split("\n").at(-1) ?? "";
    expect(JSON.parse(lastLine)).toEqual({
      name: "First invoice",
      budget: "12.50",
      owner: "Mia",
      total: 1,
      anonymous: "UNAUTHORIZED",
      stranger: "FORBIDDEN",
    });

    const typecheck = await copy.run(bin(copy, "tsc"), ["--noEmit", "-p", "tsconfig.gen-check.json"]);
    expect(typecheck.output).toBe("");
    expect(typecheck.code).toBe(0);
  }, 240_000);
});
