/**
 * Type tests: what the engine generates is inferred from the Drizzle tables, through tRPC, to the client.
 * Checked by `tsc` (npm test's type check step); a wrong inference fails the build of the test suite.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import type { comments, posts, tags, users } from "@/db/schema";
import type { postsResource } from "@/server/resources/posts";
import type { AppRouter } from "../router";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;

type PostRow = typeof posts.$inferSelect;
type UserRow = typeof users.$inferSelect;
/** The record without `expand`, flattened (expect-type compares intersections by their form, not their keys). */
type Strip<T> = { [K in keyof T as K extends "expand" ? never : K]: T[K] };
/** A user as others may read it: hidden columns gone, fields behind a read rule optional. */
type PublicUser = Strip<Omit<UserRow, "passwordHash" | "email" | "blocked"> & { email?: string; blocked?: boolean }>;

describe("list and get outputs", () => {
  it("list items are the readable columns of the posts table", () => {
    type Item = Out["posts"]["list"]["items"][number];
    expectTypeOf<Strip<Item>>().toEqualTypeOf<PostRow>();
    expectTypeOf<Out["posts"]["list"]>().toHaveProperty("totalPages").toEqualTypeOf<number>();
    expectTypeOf<Out["posts"]["get"]>().toEqualTypeOf<Item>();
  });

  it("hidden fields are absent and fields behind a read rule are optional (users.passwordHash, users.email)", () => {
    type User = Out["users"]["get"];
    expectTypeOf<Strip<User>>().toEqualTypeOf<PublicUser>();
    expectTypeOf<User>().not.toHaveProperty("passwordHash");
    expectTypeOf<User["email"]>().toEqualTypeOf<string | undefined>();
  });

  it("expanded relations are typed from their target tables", () => {
    type Expand = NonNullable<Out["posts"]["list"]["items"][number]["expand"]>;
    expectTypeOf<Strip<NonNullable<Expand["author"]>>>().toEqualTypeOf<PublicUser>();
    expectTypeOf<Expand["author"]>().toEqualTypeOf<Out["users"]["get"] | null | undefined>();
    expectTypeOf<Strip<NonNullable<Expand["comments"]>[number]>>().toEqualTypeOf<typeof comments.$inferSelect>();
    expectTypeOf<Strip<NonNullable<Expand["tags"]>[number]>>().toEqualTypeOf<typeof tags.$inferSelect>();
    expectTypeOf<Expand["commentCount"]>().toEqualTypeOf<number | undefined>();
  });

  it("nested expansions keep their types (comments.post.author)", () => {
    type Comment = NonNullable<NonNullable<Out["posts"]["get"]["expand"]>["comments"]>[number];
    type Author = NonNullable<NonNullable<NonNullable<Comment["expand"]>["post"]>["expand"]>["author"];
    expectTypeOf<Strip<NonNullable<Author>>>().toEqualTypeOf<PublicUser>();
  });
});

describe("inputs", () => {
  it("create takes the creatable columns, optional where the table or the server (defaultValue) supplies one", () => {
    expectTypeOf<Strip<In["posts"]["create"]>>().toEqualTypeOf<{
      title: string;
      body: string;
      authorId?: string | undefined;
      status?: "draft" | "published" | undefined;
      tags?: string[] | undefined;
    }>();
  });

  it("update takes a partial of the updatable columns, and writable many-to-many links as id lists", () => {
    expectTypeOf<Strip<In["posts"]["update"]["data"]>>().toEqualTypeOf<{
      title?: string | undefined;
      body?: string | undefined;
      authorId?: string | undefined;
      status?: "draft" | "published" | undefined;
      tags?: string[] | undefined;
    }>();
  });

  it("filter, sort and expand only name what the definition allows", () => {
    type ListIn = Extract<In["posts"]["list"], object>;
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

describe("policies", () => {
  it("rules see rows typed from the table and the user typed from the users table", () => {
    type Update = NonNullable<NonNullable<typeof postsResource.access>["update"]>;
    type Args = Parameters<NonNullable<Update["check"]>>[0];
    expectTypeOf<Args["old"]>().toEqualTypeOf<PostRow>();
    expectTypeOf<Args["next"]>().toEqualTypeOf<PostRow>();
    expectTypeOf<NonNullable<Args["user"]>["role"]>().toEqualTypeOf<UserRow["role"]>();
    expectTypeOf<NonNullable<Args["user"]>>().not.toHaveProperty("passwordHash");
  });
});

/** The messages a subscription yields, as the client receives them (`{ id, data }` per tracked event). */
type MessageOf<R extends keyof Out> = Out[R] extends { onChange: AsyncIterable<{ id: string; data: infer M }> }
  ? M
  : never;

describe("live subscriptions", () => {
  it("onChange takes list's filter, a record id and a resume id", () => {
    type Input = Extract<In["posts"]["onChange"], object>;
    type ListFilter = Extract<In["posts"]["list"], object>["filter"];
    expectTypeOf<Input["filter"]>().toEqualTypeOf<ListFilter>();
    expectTypeOf<Input["id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Input["lastEventId"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("onChange yields tracked messages whose records read like list items", () => {
    type Change = Extract<MessageOf<"posts">, { action: "create" | "update" }>;
    expectTypeOf<Change["record"]>().toEqualTypeOf<Out["posts"]["list"]["items"][number]>();
    expectTypeOf<Change["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Extract<MessageOf<"posts">, { action: "delete" }>>().toEqualTypeOf<{ action: "delete"; id: string }>();
    expectTypeOf<Extract<MessageOf<"posts">, { action: "ready" }>["resumed"]>().toEqualTypeOf<boolean>();
    type UserRecord = Extract<MessageOf<"users">, { action: "create" | "update" }>["record"];
    expectTypeOf<UserRecord>().not.toHaveProperty("passwordHash");
    expectTypeOf<UserRecord["email"]>().toEqualTypeOf<string | undefined>();
  });
});
