/**
 * Parity between the browser's form schema (built from `meta`) and the server's input schema (drizzle-zod plus the
 * same rules): for each sample value both accept it, or both refuse it with the same message.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTestDatabase } from "@/db/testing/test-db";
import { resources } from "../resources";
import { callers } from "../testing";
import { formSchema } from "./form-schema";
import { buildInputs } from "./inputs";

function verdict(schema: z.ZodType, value: Record<string, unknown>) {
  const result = schema.safeParse(value);
  return result.success ? "ok" : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort();
}

const POST_SAMPLES: Record<string, unknown>[] = [
  { title: "A fine title", body: "A body that is long enough.", status: "draft" },
  { title: "Tiny", body: "A body that is long enough." },
  { title: "x".repeat(201), body: "short" },
  { title: "A fine title", body: "A body that is long enough.", status: "archived" },
  { body: "A body that is long enough." },
  { title: 42, body: "A body that is long enough." },
];

describe("form schema parity", () => {
  it("posts.create: the browser and the server agree on every sample", async () => {
    const t = await createTestDatabase();
    try {
      const meta = await callers(t.db).system.posts.meta();
      const server = buildInputs(resources.posts, resources).create;
      // The form covers the fields a system caller may write: every creatable column.
      const browser = formSchema(meta.fields, "create").strict();
      for (const sample of POST_SAMPLES)
        expect(verdict(browser, sample), JSON.stringify(sample)).toEqual(verdict(server, sample));
    } finally {
      await t.drop();
    }
  });

  it("tags.update: optional in update mode, same rules", async () => {
    const t = await createTestDatabase();
    try {
      const meta = await callers(t.db).system.tags.meta();
      const server = buildInputs(resources.tags, resources).update;
      const browser = formSchema(meta.fields, "update").strict();
      for (const data of [{}, { name: "" }, { slug: "Not A Slug" }, { slug: "fine-slug", name: "Fine" }]) {
        const serverVerdict = verdict(server, { id: "00000000-0000-4000-8000-000000000000", data });
        const normalised = serverVerdict === "ok" ? "ok" : serverVerdict.map((m) => m.replace(/^data\./, ""));
        expect(verdict(browser, data), JSON.stringify(data)).toEqual(normalised);
      }
    } finally {
      await t.drop();
    }
  });
});
