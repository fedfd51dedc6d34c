/** The browser-side check of a whole form: the server's rules and messages, and only changed fields on update. */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/core/actor";
import { describeResource } from "@/server/core/meta";
import { resources } from "@/server/resources";
import { formFields } from "./form-fields";
import { validateForm } from "./form-validation";
import type { Drafts } from "./form-values";
import { splitServerErrors } from "./server-errors";

const admin: Actor = {
  kind: "user",
  via: "session",
  user: { id: "00000000-0000-4000-8000-000000000001", name: "Ada", email: "a@example.com", role: "admin" },
};
const postsMeta = describeResource(resources.posts, resources, admin);

describe("validateForm", () => {
  it("refuses an invalid post with the server's messages, on the fields", () => {
    const specs = formFields(postsMeta, { mode: "create" });
    const drafts: Drafts = { title: "Hi", body: "", status: "", authorId: null, tags: [] };
    const { errors } = validateForm(specs, drafts, drafts, "create");
    expect(errors).toEqual({ title: ["Title must be at least 5 characters"], body: ["Body is required"] });
  });

  it("turns a valid create into the request's values, leaving server defaults out", () => {
    const specs = formFields(postsMeta, { mode: "create" });
    const drafts: Drafts = {
      title: "A proper title",
      body: "A body long enough.",
      status: "",
      authorId: null,
      tags: [{ id: "t1", label: "One" }],
    };
    expect(validateForm(specs, drafts, drafts, "create")).toEqual({
      values: { title: "A proper title", body: "A body long enough.", tags: ["t1"] },
      errors: {},
    });
  });

  it("on update sends only what changed", () => {
    const record = {
      id: "p",
      title: "Old title",
      slug: "old",
      body: "A body long enough.",
      status: "draft",
      authorId: "u",
    };
    const specs = formFields(postsMeta, { mode: "update", record });
    const baseline: Drafts = {
      title: "Old title",
      body: "A body long enough.",
      status: "draft",
      authorId: { id: "u", label: "Ada" },
      tags: [],
    };
    const drafts: Drafts = { ...baseline, status: "published" };
    expect(validateForm(specs, drafts, baseline, "update")).toEqual({ values: { status: "published" }, errors: {} });
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
