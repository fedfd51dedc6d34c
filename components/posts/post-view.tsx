"use client";
/**
 * A post as its reader may see it, live: an edit anywhere shows here without a reload (and the address follows a new
 * slug, a new cover or attachment appears); a post deleted or unpublished while open says so instead of lingering. The page prefetches the same query.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useEffect } from "react";
import Markdown from "react-markdown";
import { useLiveRecord } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { withoutLeadingTitle } from "./leading-title";
import { PostAttachments } from "./post-attachments";
import { PostCover } from "./post-cover";
import { postHref, postInput } from "./queries";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

/** `children` (the comments) show with the post and go with it. */
export function PostView({ id, mayEdit, children }: { id: string; mayEdit: boolean; children?: ReactNode }) {
  const trpc = useTRPC();
  const input = postInput(id);
  const { data: post, error } = useQuery(trpc.posts.get.queryOptions(input));
  const { removed } = useLiveRecord("posts", input);

  // A renamed post gets a new slug: keep the address bar pointing at it without a navigation.
  const href = post ? postHref(post) : undefined;
  useEffect(() => {
    if (href && !removed && window.location.pathname !== href) window.history.replaceState(null, "", href);
  }, [href, removed]);

  if (removed || error?.data?.code === "NOT_FOUND")
    return (
      <div role="status" className="rounded-lg border border-zinc-200 p-6 dark:border-zinc-800">
        <p className="font-medium">This post is no longer available.</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          It was deleted or unpublished while you were reading.{" "}
          <Link href="/" className="underline">
            Back to all posts
          </Link>
        </p>
      </div>
    );
  if (error)
    return (
      <p role="alert" className="text-red-700">
        Could not load the post: {error.message}
      </p>
    );
  if (!post) return <p className="text-zinc-500">Loading…</p>;

  return (
    <>
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
        {/* Keyed by the file: a cover replaced live swaps at once rather than showing the old one until it loads. */}
        {post.cover ? <PostCover key={post.cover.id} postId={post.id} cover={post.cover} /> : null}
        <div className="prose-atrium">
          <Markdown>{withoutLeadingTitle(post.body, post.title)}</Markdown>
        </div>
        <PostAttachments postId={post.id} files={post.attachments ?? []} />
      </article>
      {children}
    </>
  );
}
