/** The form's props are checked against the resource: field names, defaults and the saved record's type. */
import { describe, expectTypeOf, it } from "vitest";
import type { FieldName, ResourceFormProps, SavedRecord } from "./types";

describe("ResourceFormProps", () => {
  it("knows each resource's fields, writable relations included", () => {
    expectTypeOf<"title" | "slug" | "authorId" | "tags">().toExtend<FieldName<"posts">>();
    expectTypeOf<"expand">().not.toExtend<FieldName<"posts">>();
    expectTypeOf<"postId" | "body">().toExtend<FieldName<"comments">>();
  });

  it("refuses names and defaults the resource does not have", () => {
    const ok: ResourceFormProps<"comments"> = {
      resource: "comments",
      defaults: { postId: "p" },
      fields: { postId: { hidden: true }, body: { widget: "markdown" } },
      order: ["body"],
    };
    // @ts-expect-error comments have no title
    const badField: ResourceFormProps<"comments"> = { resource: "comments", fields: { title: { label: "x" } } };
    // @ts-expect-error order names fields of this resource only
    const badOrder: ResourceFormProps<"posts"> = { resource: "posts", order: ["postId"] };
    const badDefault: ResourceFormProps<"announcements"> = {
      resource: "announcements",
      // @ts-expect-error a default has the field's type
      defaults: { priority: "high" },
    };
    expectTypeOf(ok).toExtend<object>();
    expectTypeOf([badField, badOrder, badDefault]).toBeArray();
  });

  it("hands onSuccess the record as the router returns it", () => {
    expectTypeOf<Parameters<NonNullable<ResourceFormProps<"posts">["onSuccess"]>>[0]>().toEqualTypeOf<
      SavedRecord<"posts">
    >();
    expectTypeOf<SavedRecord<"posts">>().toHaveProperty("title").toEqualTypeOf<string>();
  });
});
