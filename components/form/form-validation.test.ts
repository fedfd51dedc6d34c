/**
 * The browser-side check of a whole form (the zod schema react-hook-form's resolver runs): the server's rules and
 * messages on the fields, drafts turned into request values, and only changed fields on update.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/core/actor";
import { describeResource } from "@/server/core/meta";
import { resources } from "@/server/resources";
import { formFields } from "./form-fields";
import { draftsSchema, sendable } from "./form-validation";
import type { Drafts } from "./form-values";
import { splitServerErrors } from "./server-errors";

const admin: Actor = {
  kind: "user",
  via: "session",
  user: {
    id: "00000000-0000-4000-8000-000000000001",
    name: "Ada",
    email: "a@example.com",
    role: "admin",
    emailVerifiedAt: new Date(0),
  },
};
const postsMeta = describeResource(resources.posts, resources, admin);

/** The schema's verdict as the form shows it: messages per field, or the values the request sends. */
function check(schema: ReturnType<typeof draftsSchema>, drafts: Drafts) {
  const result = schema.safeParse(drafts);
  if (result.success) return { values: sendable(result.data) };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0]);
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return { errors };
}

describe("draftsSchema", () => {
  const createSpecs = formFields(postsMeta, { mode: "create" });

  it("refuses an invalid post with the server's messages, on the fields", () => {
    const drafts: Drafts = {
      title: "Hi",
      body: "",
      status: "",
      authorId: null,
      cover: null,
      attachments: [],
      tags: [],
    };
    expect(check(draftsSchema(createSpecs, drafts, "create"), drafts)).toEqual({
      errors: { title: ["Title must be at least 5 characters"], body: ["Body is required"] },
    });
  });

  it("turns a valid create into the request's values, leaving server defaults out", () => {
    const drafts: Drafts = {
      title: "A proper title",
      body: "A body long enough.",
      status: "",
      authorId: null,
      cover: null,
      attachments: [],
      tags: [{ id: "t1", label: "One" }],
    };
    expect(check(draftsSchema(createSpecs, drafts, "create"), drafts)).toEqual({
      values: { title: "A proper title", body: "A body long enough.", tags: ["t1"] },
    });
  });

  it("on update checks and sends only what changed", () => {
    const record = {
      id: "p",
      title: "Old title",
      slug: "old",
      body: "A body long enough.",
      status: "draft",
      authorId: "u",
    };
    const specs = formFields(postsMeta, { mode: "update", record });
    // A stored value today's rules would refuse is not the editor's problem until they change it.
    const baseline: Drafts = {
      title: "Old",
      body: "A body long enough.",
      status: "draft",
      authorId: null,
      cover: null,
      attachments: [],
      tags: [],
    };
    const drafts: Drafts = { ...baseline, status: "published" };
    expect(check(draftsSchema(specs, baseline, "update"), drafts)).toEqual({ values: { status: "published" } });
  });

  it("is what zodResolver reports to react-hook-form: one message per field, keyed by the field", async () => {
    const drafts: Drafts = {
      title: "Hi",
      body: "A body long enough.",
      status: "draft",
      authorId: null,
      cover: null,
      attachments: [],
      tags: [],
    };
    const resolve = zodResolver(draftsSchema(createSpecs, drafts, "create"));
    const result = await resolve(drafts, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(result.values).toEqual({});
    expect(Object.keys(result.errors)).toEqual(["title"]);
    expect(result.errors.title?.message).toBe("Title must be at least 5 characters");
  });

  it("for any text typed, answers with values or labelled messages on writable fields, never _form", () => {
    const writable = new Set(createSpecs.filter((spec) => spec.writable).map((spec) => spec.name));
    const text = fc.string({ maxLength: 300 });
    fc.assert(
      fc.property(text, text, fc.constantFrom("", "draft", "published", "nonsense"), (title, body, status) => {
        const drafts: Drafts = { title, body, status, authorId: null, cover: null, attachments: [], tags: [] };
        const verdict = check(draftsSchema(createSpecs, drafts, "create"), drafts);
        for (const [key, messages] of Object.entries(verdict.errors ?? {})) {
          expect(writable.has(key)).toBe(true);
          for (const message of messages) expect(message).not.toMatch(/_form|undefined/);
        }
        if (verdict.values) expect(verdict.values).toMatchObject({ title, body });
      }),
      { numRuns: 200 },
    );
  });
});

describe("file fields", () => {
  const createSpecs = formFields(postsMeta, { mode: "create" });
  const file = (n: number) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    name: `file-${n}.png`,
    size: 1000 + n,
    type: "image/png",
    width: 10,
    height: 10,
  });
  const base: Drafts = {
    title: "A proper title",
    body: "A body long enough.",
    status: "",
    authorId: null,
    cover: null,
    attachments: [],
    tags: [],
  };

  it("hold descriptors as drafts and send ids", () => {
    const drafts: Drafts = { ...base, cover: file(1), attachments: [file(2), file(3)] };
    expect(check(draftsSchema(createSpecs, drafts, "create"), drafts)).toEqual({
      values: {
        title: "A proper title",
        body: "A body long enough.",
        tags: [],
        cover: file(1).id,
        attachments: [file(2).id, file(3).id],
      },
    });
  });

  it("on update send null or [] for removed files, and nothing for unchanged ones", () => {
    const record = { id: "p", title: "t", slug: "t", body: "b", status: "draft", authorId: "u" };
    const specs = formFields(postsMeta, { mode: "update", record });
    const baseline: Drafts = { ...base, cover: file(1), attachments: [file(2), file(3)] };
    expect(check(draftsSchema(specs, baseline, "update"), baseline)).toEqual({ values: {} });
    const removed: Drafts = { ...baseline, cover: null, attachments: [file(3)] };
    expect(check(draftsSchema(specs, baseline, "update"), removed)).toEqual({
      values: { cover: null, attachments: [file(3).id] },
    });
    const emptied: Drafts = { ...baseline, attachments: [] };
    expect(check(draftsSchema(specs, baseline, "update"), emptied)).toEqual({ values: { attachments: [] } });
  });

  it("refuse more files than the field takes, with the server's message", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      ...file(1),
      id: `00000000-0000-4000-8000-0000000001${10 + i}`,
    }));
    const drafts: Drafts = { ...base, attachments: many };
    expect(check(draftsSchema(createSpecs, drafts, "create"), drafts)).toEqual({
      errors: { attachments: ["Attachments takes at most 10 files"] },
    });
  });
});

describe("splitServerErrors", () => {
  it("puts messages on fields on screen and the rest on the form", () => {
    const shown = new Set(["name", "slug"]);
    const labels = new Map([["createdAt", "Created"]]);
    expect(
      splitServerErrors(
        { message: "slug is already taken", data: { fieldErrors: { slug: ["slug is already taken"] } } },
        shown,
        labels,
      ),
    ).toEqual({ fields: { slug: ["slug is already taken"] }, form: [] });
    expect(
      splitServerErrors(
        {
          message: "x",
          data: {
            fieldErrors: {
              _form: ["Still referenced"],
              createdAt: ["cannot be set here"],
              "items.0.name": ["Too long"],
            },
          },
        },
        shown,
        labels,
      ),
    ).toEqual({ fields: {}, form: ["Still referenced", "Created: cannot be set here", "Too long"] });
    expect(splitServerErrors({ message: "posts.update refused", data: { fieldErrors: null } }, shown, labels)).toEqual({
      fields: {},
      form: ["posts.update refused"],
    });
  });
});
