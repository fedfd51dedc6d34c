/**
 * Type tests: what the engine generates is inferred from the Drizzle tables, through tRPC, to the client.
 * Checked by `tsc` (npm test's type check step); a wrong inference fails the build of the test suite.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { type SQL, sql } from "drizzle-orm";
import { describe, expectTypeOf, it } from "vitest";
import { type comments, posts, type tags, type users } from "@/db/schema";
import type { postsResource, readablePosts } from "@/server/resources/posts";
import type { AppRouter } from "../router";
import {
  type CreateRule,
  type DeleteRule,
  type ReadRule,
  type Rule,
  type RuleArgs,
  rule,
  type UpdateRule,
} from "./access";
import type { User } from "./actor";
import type { FieldRule } from "./fields";
import type { StoredFile } from "./files/column";
import type { FileRef } from "./resource";
import { defineResource } from "./resource";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;

type PostRow = typeof posts.$inferSelect;
type UserRow = typeof users.$inferSelect;
/** The record without `expand`, flattened (expect-type compares intersections by their form, not their keys). */
type Strip<T> = { [K in keyof T as K extends "expand" ? never : K]: T[K] };
/** A user as others may read it: hidden columns gone, fields behind a read rule optional. */
type PublicUser = Strip<
  Omit<
    UserRow,
    | "passwordHash"
    | "email"
    | "blocked"
    | "passwordChangeRequired"
    | "emailVerifiedAt"
    | "twoFactorSecret"
    | "twoFactorLastStep"
    | "twoFactorEnabledAt"
    | "signInAlerts"
  > & {
    email?: string;
    blocked?: boolean;
    passwordChangeRequired?: boolean;
    emailVerifiedAt?: Date | null;
    twoFactorEnabledAt?: Date | null;
    signInAlerts?: boolean;
  }
>;

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
      cover?: FileRef | null | undefined;
      attachments?: FileRef[] | undefined;
      tags?: string[] | undefined;
    }>();
  });

  it("update takes a partial of the updatable columns, and writable many-to-many links as id lists", () => {
    expectTypeOf<Strip<In["posts"]["update"]["data"]>>().toEqualTypeOf<{
      title?: string | undefined;
      body?: string | undefined;
      authorId?: string | undefined;
      status?: "draft" | "published" | undefined;
      cover?: FileRef | null | undefined;
      attachments?: FileRef[] | undefined;
      tags?: string[] | undefined;
    }>();
  });

  it("file fields take ids (or descriptors as read) in, and give descriptors out", () => {
    expectTypeOf<Out["posts"]["get"]["cover"]>().toEqualTypeOf<StoredFile | null>();
    expectTypeOf<Out["posts"]["get"]["attachments"]>().toEqualTypeOf<StoredFile[]>();
    expectTypeOf<{ cover: "0b7e2d7a-9c1e-4c55-8e0f-5f7a1b2c3d4e" }>().toMatchTypeOf<In["posts"]["update"]["data"]>();
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

describe("rule(): a rule written outside `access` infers its arguments", () => {
  const published = rule("published posts", ({ user }) => {
    expectTypeOf(user).toEqualTypeOf<User | null>();
    return sql`${posts.status} = 'published'` as SQL;
  });
  const staff = rule("editors", (args) => {
    expectTypeOf(args).toEqualTypeOf<RuleArgs>();
    return args.user?.role === "admin" || args.user?.role === "editor";
  });

  it("a rule answering with a row condition fits every operation on existing rows, and not create", () => {
    expectTypeOf(published).toEqualTypeOf<Rule<SQL>>();
    expectTypeOf(published).toExtend<ReadRule>();
    expectTypeOf(published).toExtend<UpdateRule<typeof posts>>();
    expectTypeOf(published).toExtend<DeleteRule<typeof posts>>();
    expectTypeOf(published).not.toExtend<CreateRule<typeof posts>>();
    expectTypeOf(published).not.toExtend<FieldRule<{ old: PostRow | undefined }>>();
  });

  it("a yes-or-no rule fits create and field rules too", () => {
    expectTypeOf(staff).toEqualTypeOf<Rule<boolean>>();
    expectTypeOf(staff).toExtend<CreateRule<typeof posts>>();
    expectTypeOf(staff).toExtend<FieldRule<{ old: PostRow | undefined }>>();
    expectTypeOf(staff).toExtend<ReadRule>();
  });

  it("is used in `access` as it is, or spread with a check typed from the table", () => {
    defineResource("posts", {
      table: posts,
      titleField: "title",
      access: {
        list: published,
        get: published,
        update: {
          ...staff,
          check: ({ old, next }) => {
            expectTypeOf(old).toEqualTypeOf<PostRow>();
            return old.authorId === next.authorId;
          },
        },
        delete: published,
        // @ts-expect-error a row condition cannot guard create: there is no row yet
        create: published,
      },
    });
  });

  it("the demo's rules are written with it", () => {
    expectTypeOf<typeof readablePosts>().toEqualTypeOf<Rule<true | SQL>>();
  });

  it("the `satisfies` form still type-checks (backwards compatible)", () => {
    const old = { name: "signed in", allow: ({ user }) => user !== null } satisfies ReadRule;
    expectTypeOf(old).toExtend<ReadRule>();
  });
});
