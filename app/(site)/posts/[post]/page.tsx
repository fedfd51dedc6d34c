import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import Markdown from "react-markdown";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { PostComments } from "@/components/posts/post-comments";
import { commentsInput } from "@/components/posts/queries";
import { Badge } from "@/components/ui/badge";
import { serverCaller } from "@/server/admin";
import { currentUser } from "@/server/auth/current-user";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

/** Cached per request: generateMetadata and the page ask for the same post. */
const findPost = cache(async (slug: string) => {
  const api = await serverCaller();
  const { items } = await api.posts.list({
    filter: { slug: { eq: slug } },
    perPage: 1,
    expand: ["author", "tags"],
  });
  return items[0];
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
  const mayEdit = user && (post.authorId === user.id || user.role === "admin" || user.role === "editor");
  return (
    <HydrateClient>
      <article>
        <header className="mb-6">
          <h1 className="text-4xl font-bold tracking-tight">{post.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <span>by {post.expand?.author?.name ?? "unknown"}</span>
            {post.publishedAt ? <span>· {dateFormat.format(post.publishedAt)}</span> : null}
            {post.status === "draft" ? <Badge variant="warning">Draft</Badge> : null}
            {post.expand?.tags?.map((tag) => (
              <Badge key={tag.id} variant="secondary">
                {tag.name}
              </Badge>
            ))}
            {mayEdit ? (
              <Link href={`/posts/${post.id}/edit`} className="ml-auto text-indigo-700 underline dark:text-indigo-300">
                Edit post
              </Link>
            ) : null}
          </p>
        </header>
        <div className="prose-atrium">
          <Markdown>{post.body}</Markdown>
        </div>
      </article>
      <PostComments postId={post.id} signedIn={user !== null} />
    </HydrateClient>
  );
}
