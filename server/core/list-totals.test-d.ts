/** Type tests, checked by `tsc`: `totals` in, `totalEstimated` out, inferred through tRPC and the generic bridge. */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import type { ResourceListInput, ResourceListResult } from "@/components/form/resource-api";
import type { AppRouter } from "../router";

type ListIn = Extract<inferRouterInputs<AppRouter>["posts"]["list"], object>;
type ListOut = inferRouterOutputs<AppRouter>["posts"]["list"];

describe("list totals", () => {
  it("takes totals as one of three words, beside skipTotal", () => {
    expectTypeOf<ListIn["totals"]>().toEqualTypeOf<"exact" | "estimate" | "none" | undefined>();
    expectTypeOf<ListIn["skipTotal"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ResourceListInput["totals"]>().toEqualTypeOf<"exact" | "estimate" | "none" | undefined>();
  });

  it("says when the totals are an estimate", () => {
    expectTypeOf<ListOut["totalEstimated"]>().toEqualTypeOf<true | undefined>();
    expectTypeOf<ListOut["totalItems"]>().toEqualTypeOf<number>();
    expectTypeOf<ResourceListResult["totalEstimated"]>().toEqualTypeOf<true | undefined>();
  });
});
