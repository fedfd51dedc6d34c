/** Text fields are bounded even when their definition names no maxLength (the default), and say so in `meta`. */
import { describe, expect, it } from "vitest";
import { tags } from "@/db/schema";
import { buildInputs } from "./inputs";
import { describeResource } from "./meta";
import { defineResource } from "./resource";
import { DEFAULT_TEXT_MAX_LENGTH } from "./rules";

const plain = defineResource("tags", {
  table: tags,
  titleField: "name",
  fields: { name: {}, slug: { rules: { maxLength: 60 } } },
});
const registry = { tags: plain };
const admin = { kind: "system", reason: "test" } as const;

describe("the default maximum length of text fields", () => {
  it("refuses a longer value with the field named, and takes one at the limit", () => {
    const { create } = buildInputs(plain, registry);
    const at = create.safeParse({ name: "n".repeat(DEFAULT_TEXT_MAX_LENGTH), slug: "s" });
    expect(at.success).toBe(true);
    const over = create.safeParse({ name: "n".repeat(DEFAULT_TEXT_MAX_LENGTH + 1), slug: "s" });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.path).toEqual(["name"]);
    expect(over.error?.issues[0]?.message).toBe(`Name must be at most ${DEFAULT_TEXT_MAX_LENGTH} characters`);
  });

  it("is what meta describes, so the generated form applies it too; a declared maxLength wins", () => {
    const meta = describeResource(plain, registry, admin);
    const rules = (name: string) => meta.fields.find((f) => f.name === name)?.rules;
    expect(rules("name")).toEqual({ maxLength: DEFAULT_TEXT_MAX_LENGTH });
    expect(rules("slug")).toEqual({ maxLength: 60 });
  });
});
