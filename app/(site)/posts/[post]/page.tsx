import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { PostComments } from "@/components/posts/post-comments";
import { PostView } from "@/components/posts/post-view";
import { commentsInput, postInput } from "@/components/posts/queries";
import { serverCaller } from "@/server/admin";
import { currentUser } from "@/server/auth/current-user";

export const dynamic = "force-dynamic";

/** Cached per request: generateMetadata and the page ask for the same post. */
const findPost = cache(async (slug: string) => {
  const api = await serverCaller();
  try {
    const { items } = await api.posts.list({
      filter: { slug: { eq: slug } },
      perPage: 1,
      expand: postInput("").expand,
    });
    return items[0];
  } catch (error) {
    // An address no slug can have (too long, a NUL byte) names no post: a 404, not a 500.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return undefined;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ post: string }> }): Promise<Metadata> {
  const post = await findPost((await params).post);
  return { title: post?.title ?? "Post not found" };
}

/** /posts/<slug>: the post (as the rules let this reader see it), its comments and, when signed in, a comment form. */
export default async function PostPage({ params }: { params: Promise<{ post: string }> }) {
  const slug = (await params).post;
  const [post, user] = await Promise.all([findPost(slug), currentUser()]);
  if (!post) notFound();
  await getQueryClient().prefetchQuery(trpc.comments.list.queryOptions(commentsInput(post.id)));
  const mayEdit = Boolean(user && (post.authorId === user.id || user.role === "admin" || user.role === "editor"));
  // The post was just read: hand it to the live client view under its `get` key instead of reading it again.
  getQueryClient().setQueryData(trpc.posts.get.queryKey(postInput(post.id)), post);
  return (
    <HydrateClient>
      <PostView id={post.id} mayEdit={mayEdit}>
        <PostComments postId={post.id} signedIn={user !== null} />
      </PostView>
    </HydrateClient>
  );
}
