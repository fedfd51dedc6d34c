/**
 * PostgreSQL's refusals as clients read them: keyed by field, worded with the field's label (never its key, never
 * `_form`), for real violations raised by a real PostgreSQL.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { mapDatabaseError } from "./db-errors";
import { FieldError } from "./errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const failure = (query: Promise<unknown>) =>
  query.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );

function refusal(
  error: unknown,
  ...args: Parameters<typeof mapDatabaseError> extends [unknown, ...infer R] ? R : never
) {
  const mapped = mapDatabaseError(error, ...args);
  const cause = mapped?.cause;
  if (!mapped || !(cause instanceof FieldError)) throw new Error(`not mapped: ${String(error)}`);
  return { code: mapped.code, message: mapped.message, fieldErrors: cause.fieldErrors };
}

describe("mapDatabaseError", () => {
  it("names a unique field by the label its definition gives", async () => {
    await t.sql`insert into tags (name, slug) values ('Taken', 'taken')`;
    const error = await failure(t.sql`insert into tags (name, slug) values ('Again', 'taken')`);
    expect(refusal(error, { table: tags, fields: { slug: { label: "Address" } } })).toEqual({
      code: "CONFLICT",
      message: "Address is already taken",
      fieldErrors: { slug: ["Address is already taken"] },
    });
    // Without a definition, the key made readable, as meta labels it.
    expect(refusal(error, tags).message).toBe("Slug is already taken");
    // Without the table either (the last-resort net in server/trpc.ts): the SQL column name, made readable.
    expect(refusal(error).message).toBe("Slug is already taken");
  });

  it("words foreign keys and not-null columns with labels, keyed by the TypeScript field", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const orphan = await failure(
      t.sql`insert into posts (title, slug, body, author_id) values ('Orphan', 'orphan', 'Body text', ${missing})`,
    );
    expect(refusal(orphan, posts)).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { authorId: ["Author refers to a record that does not exist"] },
    });
    expect(refusal(orphan).fieldErrors).toEqual({ author_id: ["Author refers to a record that does not exist"] });
    const unnamed = await failure(t.sql`insert into tags (name) values ('x')`);
    expect(refusal(unnamed, tags).fieldErrors).toEqual({ slug: ["Slug is required"] });
  });

  it("never says _form: a violation that names no column is about the record or a value", () => {
    for (const code of ["23505", "23503", "23502", "23514", "22P02", "40001"]) {
      const { message, fieldErrors } = refusal({ code });
      expect(message).not.toMatch(/_form/);
      expect(Object.keys(fieldErrors)).toEqual(["_form"]);
      expect(message.charAt(0)).toMatch(/[A-Z]/);
    }
    expect(refusal({ code: "23505" }).message).toBe("A record with these values is already taken");
    expect(refusal({ code: "22P02" }).message).toBe("A value is invalid or out of range");
  });

  it("joins the labels of a violation over several columns", () => {
    const error = { code: "23505", detail: "Key (name, slug)=(a, b) already exists." };
    expect(refusal(error, tags).message).toBe("Name and Slug are already taken together");
  });

  it("for any column PostgreSQL names, says a capitalised label without underscores or _form", () => {
    const column = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,8}){0,3}$/);
    const code = fc.constantFrom("23505", "23503", "23502", "23514", "22001", "22P02", "22003");
    fc.assert(
      fc.property(column, code, (name, sqlstate) => {
        const { message, fieldErrors } = refusal({ code: sqlstate, column_name: name });
        expect(Object.keys(fieldErrors)).toEqual([name]);
        expect(message).not.toMatch(/_/);
        expect(message.charAt(0)).toBe(message.charAt(0).toUpperCase());
      }),
    );
  });

  it("leaves what is no constraint violation to the caller", () => {
    expect(mapDatabaseError(new Error("boom"))).toBeUndefined();
    expect(mapDatabaseError({ code: "57P01" })).toBeUndefined();
  });
});
