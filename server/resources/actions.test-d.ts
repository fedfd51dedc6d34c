/**
 * Type tests of the demo's actions through the app router: `posts.publish`, `posts.unpublish(Many)` and
 * `users.sendPasswordReset` as a client sees them. Checked by `tsc`.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import type { posts } from "@/db/schema";
import type { ActionDescriptor } from "@/server/core";
import type { AppRouter } from "@/server/router";

type In = inferRouterInputs<AppRouter>;
type Out = inferRouterOutputs<AppRouter>;
type PostRow = typeof posts.$inferSelect;
type Strip<T> = { [K in keyof T as K extends "expand" ? never : K]: T[K] };

describe("the demo's actions through tRPC", () => {
  it("posts.publish takes an id and no input, and returns the post as its reader gets it", () => {
    // No input: an object that takes no key at all.
    expectTypeOf<In["posts"]["publish"]>().toEqualTypeOf<{ id: string; input?: Record<never, never> }>();
    expectTypeOf<Strip<Out["posts"]["publish"]>>().toEqualTypeOf<PostRow>();
  });

  it("posts.unpublish requires its reason; the batch form takes ids and returns a list", () => {
    expectTypeOf<In["posts"]["unpublish"]>().toEqualTypeOf<{ id: string; input: { reason: string } }>();
    expectTypeOf<In["posts"]["unpublishMany"]>().toEqualTypeOf<{ ids: string[]; input: { reason: string } }>();
    expectTypeOf<Out["posts"]["unpublishMany"]>().toEqualTypeOf<Out["posts"]["unpublish"][]>();
  });

  it("users.sendPasswordReset returns what its run returns, and has no batch form", () => {
    expectTypeOf<Out["users"]["sendPasswordReset"]>().toEqualTypeOf<{ queued: boolean }>();
    expectTypeOf<Out["posts"]["recount"]>().toEqualTypeOf<{ runId: string }>();
    expectTypeOf<Out["users"]>().not.toHaveProperty("sendPasswordResetMany");
    expectTypeOf<Out["posts"]>().not.toHaveProperty("publishh");
  });

  it("availableActions names the resource's actions, and meta describes them", () => {
    expectTypeOf<Out["posts"]["availableActions"]>().toEqualTypeOf<("recount" | "publish" | "unpublish")[]>();
    expectTypeOf<Out["users"]["availableActions"]>().toEqualTypeOf<
      ("sendPasswordReset" | "signOutEverywhere" | "resetTwoFactor")[]
    >();
    expectTypeOf<Out["posts"]["meta"]["actions"]>().toEqualTypeOf<ActionDescriptor[] | undefined>();
  });
});
