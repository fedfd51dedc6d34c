/** The list query behind the home page, shared by the server prefetch and the client component so keys match. */
import type { ExpandPath, ListInput } from "@/server/core/types";
import type { resources } from "@/server/resources";

export function publishedPostsInput(page: number, perPage: number, search = "") {
  return {
    page,
    perPage,
    filter: { status: { eq: "published" } },
    sort: ["-publishedAt"],
    expand: ["author"],
    ...(search ? { search } : {}),
  } satisfies ListInput<typeof resources.posts>;
}

/** A post page's URL. */
export const postHref = (post: { slug: string }) => `/posts/${post.slug}`;

/** A post's comments, oldest first, with their authors: shared by the server prefetch and the client list. */
export function commentsInput(postId: string) {
  return {
    filter: { postId: { eq: postId } },
    expand: ["author"],
    perPage: 100,
    sort: ["createdAt"],
  } satisfies ListInput<typeof resources.comments>;
}

/** A post page's record, with what the page shows beside it: shared by the server prefetch and the live client view. */
export function postInput(id: string) {
  const expand: ExpandPath<typeof resources.posts>[] = ["author", "tags"];
  return { id, expand };
}
