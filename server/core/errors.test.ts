/** Field errors name fields a person can read, in one sentence each, and never echo made-up keys. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { humanizeKey, type InputWording, labelOf, summarizeFieldErrors, zodFieldErrors } from "./errors";

const errorsOf = (schema: z.ZodType, value: unknown, wording?: InputWording) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return zodFieldErrors(result.error, wording);
};

describe("zodFieldErrors", () => {
  const schema = z.strictObject({ id: z.string(), data: z.strictObject({ count: z.number() }) });

  it("says what is missing or expected instead of zod's 'received undefined'", () => {
    expect(errorsOf(schema, { data: { count: "x" } }, { envelope: true })).toEqual({
      id: ["Id is required"],
      count: ["Count must be a number"],
    });
    expect(errorsOf(schema, undefined)).toEqual({ _form: ["The input is required"] });
  });

  it("drops `data` only from an update's envelope: elsewhere it is a field like any other, never _form", () => {
    const create = z.strictObject({ data: z.string().min(2, "Data must be at least 2 characters"), note: z.string() });
    expect(errorsOf(create, { data: "x", note: "ok" })).toEqual({ data: ["Data must be at least 2 characters"] });
    expect(errorsOf(create, { note: "ok" })).toEqual({ data: ["Data is required"] });
    expect(errorsOf(schema, { id: "a", data: { count: "x" } })).toEqual({
      "data.count": ["data.count must be a number"],
    });
    expect(errorsOf(schema, { id: "a" }, { envelope: true })).toEqual({ _form: ["The input is required"] });
  });

  it("names a field by the definition's label when it has one", () => {
    const amount = z.strictObject({ amount: z.number() });
    expect(errorsOf(amount, {}, { labels: { amount: "Budget" } })).toEqual({ amount: ["Budget is required"] });
    expect(errorsOf(amount, { amount: 1, authorId: "x", toString: 1 }, { labels: { authorId: "Author" } })).toEqual({
      authorId: ["Author cannot be set here"],
      toString: ["toString cannot be set here"],
    });
  });

  it("names unknown keys that are field names, and files made-up ones on the form without echoing them", () => {
    expect(errorsOf(schema, { id: "a", data: { count: 1 }, toString: 1 })).toEqual({
      toString: ["toString cannot be set here"],
    });
    for (const key of ["", " ", "[{", "a\u0085b", "\u200b", "x".repeat(101)]) {
      expect(errorsOf(schema, { id: "a", data: { count: 1 }, [key]: 1 })).toEqual({
        _form: ["A field with an unusable name cannot be set here"],
      });
    }
  });

  it("keeps a message a schema set itself, and clips any message to 200 characters", () => {
    const custom = z.object({ title: z.string("Title must be text").max(3, "t".repeat(300)) });
    expect(errorsOf(custom, { title: 1 })).toEqual({ title: ["Title must be text"] });
    expect(errorsOf(custom, { title: "long" }).title?.[0]).toHaveLength(200);
  });
});

describe("summarizeFieldErrors", () => {
  it("is the one message, prefixed with its field when it does not name it, or a count", () => {
    expect(summarizeFieldErrors({ title: ["Title must be at least 5 characters"] })).toBe(
      "Title must be at least 5 characters",
    );
    expect(summarizeFieldErrors({ "filter.status.eq": ["Invalid option"] })).toBe("filter.status.eq: Invalid option");
    expect(summarizeFieldErrors({ a: ["x"], b: ["y"], c: ["z"] })).toBe("3 fields are invalid.");
  });

  it("prefixes with the field's label, never its key, and not at all when the message names it", () => {
    expect(summarizeFieldErrors({ authorId: ["refers to nothing"] })).toBe("Author: refers to nothing");
    expect(summarizeFieldErrors({ authorId: ["Author is required"] })).toBe("Author is required");
    expect(summarizeFieldErrors({ _form: ["The input is required"] })).toBe("The input is required");
  });

  it("uses the definition's labels: a message naming the label stands alone, others get the label", () => {
    const labels = { amount: "Budget" };
    expect(summarizeFieldErrors({ amount: ["Budget must be at least 0"] }, labels)).toBe("Budget must be at least 0");
    expect(summarizeFieldErrors({ amount: ["refers to nothing"] }, labels)).toBe("Budget: refers to nothing");
    expect(summarizeFieldErrors({ data: ["is too long"] })).toBe("Data: is too long");
  });
});

describe("labels in messages", () => {
  it("names a field as meta does when its definition gives no label, SQL column names included", () => {
    expect(humanizeKey("name")).toBe("Name");
    expect(humanizeKey("authorId")).toBe("Author");
    expect(humanizeKey("author_id")).toBe("Author");
    expect(humanizeKey("publishedAt")).toBe(humanizeKey("published_at"));
  });

  it("says 'The input' for the whole input and keeps nested paths as written", () => {
    expect(labelOf([])).toBe("The input");
    expect(labelOf(["data", "authorId"], { envelope: true })).toBe("Author");
    expect(labelOf(["data"])).toBe("Data");
    expect(labelOf(["amount"], { labels: { amount: "Budget" } })).toBe("Budget");
    expect(labelOf(["items", 3, "slug"])).toBe("items.3.slug");
  });

  it("never says _form or a raw key in a zod message about a missing field", () => {
    const errors = errorsOf(z.strictObject({ authorId: z.string(), perPage: z.number() }), {});
    expect(errors).toEqual({ authorId: ["Author is required"], perPage: ["Per Page is required"] });
  });
});
