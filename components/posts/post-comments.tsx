"use client";
/** A post's comments, oldest first, and for signed-in readers the generated comment form (postId preset, hidden). */
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { FormSkeleton } from "@/components/form/form-status";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { commentsInput } from "./queries";

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

// Loaded only when rendered (signed-in readers): the form, its widgets and react-hook-form stay out of the page's
// first load for everyone else.
const CommentForm = dynamic(() => import("./comment-form").then((m) => m.CommentForm), {
  loading: () => <FormSkeleton rows={1} />,
});

export function PostComments({ postId, signedIn }: { postId: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const input = commentsInput(postId);
  const { data, error } = useQuery(trpc.comments.list.queryOptions(input));
  // Comments others write appear as they are posted.
  useLiveList("comments", input, { relationKeys: ["authorId"] });
  return (
    <section aria-labelledby="comments-heading" className="mt-12 border-t border-zinc-200 pt-8 dark:border-zinc-800">
      <h2 id="comments-heading" className="mb-4 text-2xl font-semibold">
        Comments {data ? <span className="text-zinc-500">({data.totalItems})</span> : null}
      </h2>
      {error ? (
        <p role="alert" className="text-red-700">
          Could not load the comments: {error.message}
        </p>
      ) : null}
      <ol className="space-y-4" aria-label="Comments">
        {data?.items.map((c) => (
          <li key={c.id} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              <span className="font-medium text-zinc-900 dark:text-zinc-100">
                {c.expand?.author?.name ?? "someone"}
              </span>{" "}
              · <time dateTime={c.createdAt.toISOString()}>{timeFormat.format(c.createdAt)}</time>
            </p>
            <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      {data?.items.length === 0 ? <p className="text-zinc-600 dark:text-zinc-400">No comments yet.</p> : null}
      <div className="mt-8">
        {signedIn ? (
          <CommentForm postId={postId} />
        ) : (
          <p className="text-zinc-600 dark:text-zinc-400">
            <Link href="/sign-in" className="underline">
              Sign in
            </Link>{" "}
            to comment.
          </p>
        )}
      </div>
    </section>
  );
}
