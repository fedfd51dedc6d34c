/**
 * Which fields the generated form shows, judged on the demo resources' real descriptors as an admin and a member see
 * them (describeResource is what `meta` serves).
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/core/actor";
import { describeResource } from "@/server/core/meta";
import { resources } from "@/server/resources";
import { expandFor, formFields } from "./form-fields";

const user = (role: "admin" | "editor" | "member"): Actor => ({
  kind: "user",
  via: "session",
  user: {
    id: "00000000-0000-4000-8000-000000000001",
    name: "Tester",
    email: "t@example.com",
    role,
    emailVerifiedAt: new Date(0),
  },
});
const meta = (name: keyof typeof resources, role: "admin" | "editor" | "member") =>
  describeResource(resources[name], resources, user(role));

const names = (specs: { name: string }[]) => specs.map((s) => s.name);

describe("formFields", () => {
  it("on create shows what the caller may set: an admin may name the author, a member may not", () => {
    const admin = formFields(meta("posts", "admin"), { mode: "create" });
    expect(names(admin)).toEqual(["title", "body", "status", "authorId", "cover", "attachments", "tags"]);
    expect(admin.find((s) => s.name === "authorId")).toMatchObject({ widget: "relation", required: false });
    expect(admin.find((s) => s.name === "tags")).toMatchObject({ widget: "multiselect", label: "Tags" });
    expect(names(formFields(meta("posts", "member"), { mode: "create" }))).toEqual([
      "title",
      "body",
      "status",
      "cover",
      "attachments",
      "tags",
    ]);
    // File fields get the file widget; neither is required (cover may be null, attachments default to none).
    expect(admin.find((s) => s.name === "cover")).toMatchObject({ widget: "file", required: false, nullable: true });
    expect(admin.find((s) => s.name === "attachments")).toMatchObject({
      widget: "file",
      required: false,
      nullable: false,
    });
  });

  it("on update adds read-only fields after the editable ones, and never the id", () => {
    const record = { id: "x", title: "t", slug: "t", body: "b", status: "draft", authorId: "a" };
    const specs = formFields(meta("posts", "member"), { mode: "update", record });
    expect(names(specs.filter((s) => s.editable))).toEqual(["title", "body", "status", "cover", "attachments", "tags"]);
    expect(names(specs.filter((s) => !s.editable))).toEqual([
      "slug",
      "authorId",
      "publishedAt",
      "createdAt",
      "updatedAt",
      "deletedAt",
    ]);
    expect(names(specs)).not.toContain("id");
  });

  it("leaves out a field a read rule withheld from the record", () => {
    const specs = formFields(meta("users", "member"), { mode: "update", record: { id: "u", name: "Someone" } });
    expect(names(specs)).not.toContain("email");
    expect(names(specs)).not.toContain("blocked");
  });

  it("applies overrides and order without dropping a writable field", () => {
    const specs = formFields(meta("comments", "member"), {
      mode: "create",
      order: ["body"],
      overrides: { postId: { hidden: true }, body: { label: "Your reply", widget: "markdown" } },
    });
    expect(names(specs)).toEqual(["body", "postId"]);
    expect(specs[0]).toMatchObject({ label: "Your reply", widget: "markdown", editable: true });
    // Hidden, but still writable: a `defaults` value for it is sent.
    expect(specs[1]).toMatchObject({ hidden: true, writable: true });
  });

  it("leaves fields the server sets out of a form unless asked, and words their empty value for a person", () => {
    // The comment form on a post page, as an admin sees it: no author picker, yet the field stays writable.
    const product = formFields(meta("comments", "admin"), { mode: "create" });
    expect(product.find((s) => s.name === "authorId")).toMatchObject({ hidden: true, writable: true });
    // The admin asks for all of them; a page may ask for one, by name or with an override.
    for (const showServerSet of [true, ["authorId"]] as const) {
      const shown = formFields(meta("comments", "admin"), { mode: "create", showServerSet });
      expect(shown.find((s) => s.name === "authorId")).toMatchObject({ hidden: false, placeholder: "You" });
    }
    const overridden = formFields(meta("posts", "admin"), {
      mode: "create",
      overrides: { authorId: { hidden: false, placeholder: "The person saving" } },
    });
    expect(overridden.find((s) => s.name === "authorId")).toMatchObject({
      hidden: false,
      placeholder: "The person saving",
    });
    // Never the developer's wording.
    for (const spec of formFields(meta("posts", "admin"), { mode: "create", showServerSet: true })) {
      expect(spec.placeholder ?? "").not.toMatch(/server/i);
    }
  });

  it("readOnly keeps a writable field on screen but out of the inputs", () => {
    const specs = formFields(meta("posts", "admin"), { mode: "create", overrides: { title: { readOnly: true } } });
    expect(specs.find((s) => s.name === "title")).toMatchObject({ writable: true, editable: false });
  });

  it("expands every belongsTo and the writable many-to-many relations for the edited record", () => {
    expect(expandFor(meta("posts", "admin"))).toEqual(["author", "tags"]);
    expect(expandFor(meta("comments", "member"))).toEqual(["post", "author"]);
  });
});
