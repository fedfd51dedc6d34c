/** The list query behind the home page, shared by the server prefetch and the client component so keys match. */
import type { ListInput } from "@/server/core/types";
import type { resources } from "@/server/resources";

export function publishedPostsInput(page: number, perPage: number) {
  return {
    page,
    perPage,
    filter: { status: { eq: "published" } },
    sort: ["-publishedAt"],
    expand: ["author"],
  } satisfies ListInput<typeof resources.posts>;
}
