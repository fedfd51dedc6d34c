/**
 * Type tests: what the engine generates is inferred from the Drizzle tables, through tRPC, to the client.
 * Checked by `tsc` (npm test's type check step); a wrong inference fails the build of the test suite.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import type { comments, posts, tags, users } from "@/db/schema";
import type { AppRouter } from "../router";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;

type PostRow = typeof posts.$inferSelect;
type UserRow = typeof users.$inferSelect;
type Strip<T> = Omit<T, "expand">;

describe("list and get outputs", () => {
  it("list items are the readable columns of the posts table", () => {
    type Item = Out["posts"]["list"]["items"][number];
    expectTypeOf<Strip<Item>>().toEqualTypeOf<PostRow>();
    expectTypeOf<Out["posts"]["list"]>().toHaveProperty("totalPages").toEqualTypeOf<number>();
    expectTypeOf<Out["posts"]["get"]>().toEqualTypeOf<Item>();
  });

  it("fields marked unreadable are absent from the type (users.email)", () => {
    type User = Out["users"]["get"];
    expectTypeOf<Strip<User>>().toEqualTypeOf<Omit<UserRow, "email">>();
    expectTypeOf<User>().not.toHaveProperty("email");
  });

  it("expanded relations are typed from their target tables", () => {
    type Expand = NonNullable<Out["posts"]["list"]["items"][number]["expand"]>;
    expectTypeOf<Strip<NonNullable<Expand["author"]>>>().toEqualTypeOf<Omit<UserRow, "email">>();
    expectTypeOf<Expand["author"]>().toEqualTypeOf<Out["users"]["get"] | null | undefined>();
    expectTypeOf<Strip<NonNullable<Expand["comments"]>[number]>>().toEqualTypeOf<typeof comments.$inferSelect>();
    expectTypeOf<Strip<NonNullable<Expand["tags"]>[number]>>().toEqualTypeOf<typeof tags.$inferSelect>();
    expectTypeOf<Expand["commentCount"]>().toEqualTypeOf<number | undefined>();
  });

  it("nested expansions keep their types (comments.post.author)", () => {
    type Comment = NonNullable<NonNullable<Out["posts"]["get"]["expand"]>["comments"]>[number];
    type Author = NonNullable<NonNullable<NonNullable<Comment["expand"]>["post"]>["expand"]>["author"];
    expectTypeOf<Strip<NonNullable<Author>>>().toEqualTypeOf<Omit<UserRow, "email">>();
  });
});

describe("inputs", () => {
  it("create takes the creatable columns, optional where the table has a default", () => {
    expectTypeOf<In["posts"]["create"]>().toEqualTypeOf<{
      title: string;
      body: string;
      authorId: string;
      status?: "draft" | "published" | undefined;
    }>();
  });

  it("update takes a partial of the updatable columns", () => {
    expectTypeOf<In["posts"]["update"]["data"]>().toEqualTypeOf<{
      title?: string | undefined;
      body?: string | undefined;
      authorId?: string | undefined;
      status?: "draft" | "published" | undefined;
    }>();
  });

  it("filter, sort and expand only name what the definition allows", () => {
    type ListIn = Exclude<In["posts"]["list"], void | undefined>;
    type Sort = NonNullable<ListIn["sort"]>[number];
    expectTypeOf<"-publishedAt">().toExtend<Sort>();
    expectTypeOf<"body">().not.toExtend<Sort>();
    type Filter = NonNullable<ListIn["filter"]>;
    expectTypeOf<Filter>().toHaveProperty("status");
    expectTypeOf<Filter>().not.toHaveProperty("body");
    expectTypeOf<NonNullable<Filter["status"]>["eq"]>().toEqualTypeOf<"draft" | "published" | undefined>();
    expectTypeOf<"author">().toExtend<NonNullable<ListIn["expand"]>[number]>();
    expectTypeOf<"comments.author">().toExtend<NonNullable<ListIn["expand"]>[number]>();
    expectTypeOf<"editor">().not.toExtend<NonNullable<ListIn["expand"]>[number]>();
  });
});
