"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fileUrl } from "@/components/files/file-url";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { postHref, publishedPostsInput } from "./queries";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Published posts, one page at a time, live: a post published, edited or removed anywhere shows here without a reload.
 * The server prefetches the same query, so this renders without a fetch.
 */
export function PostList({ page, perPage, search = "" }: { page: number; perPage: number; search?: string }) {
  const trpc = useTRPC();
  const input = publishedPostsInput(page, perPage, search);
  const { data, error, isPending } = useQuery(trpc.posts.list.queryOptions(input));
  useLiveList("posts", input, { relationKeys: ["authorId"] });
  const pageHref = (n: number) => `/?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;

  if (isPending) return <p className="text-zinc-500">Loading posts…</p>;
  if (error)
    return (
      <p role="alert" className="text-red-600">
        Could not load posts: {error.message}
      </p>
    );
  if (data.items.length === 0)
    return <p className="text-zinc-500">{search ? `No posts match “${search}”.` : "No posts here yet."}</p>;

  return (
    <section aria-label="Posts">
      <ul className="space-y-3">
        {data.items.map((post) => (
          <li key={post.id}>
            <article className="flex items-start gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
              <div className="min-w-0 flex-1">
                <h2 className="text-lg font-semibold">
                  <Link href={postHref(post)} className="hover:underline">
                    {post.title}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                  by {post.expand?.author?.name ?? "unknown"}
                  {post.publishedAt ? ` · ${dateFormat.format(post.publishedAt)}` : null}
                </p>
              </div>
              {post.cover ? (
                // biome-ignore lint/performance/noImgElement: the files route makes the 96x64 thumbnail.
                <img
                  src={fileUrl({
                    resource: "posts",
                    recordId: post.id,
                    field: "cover",
                    file: post.cover,
                    thumb: "96x64",
                  })}
                  alt=""
                  width={96}
                  height={64}
                  loading="lazy"
                  decoding="async"
                  className="h-16 w-24 shrink-0 rounded-md bg-zinc-100 object-cover dark:bg-zinc-800"
                />
              ) : null}
            </article>
          </li>
        ))}
      </ul>
      <nav className="mt-6 flex items-center justify-between text-sm" aria-label="Pagination">
        {page > 1 ? (
          <Link
            className="rounded-md border px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            href={pageHref(page - 1)}
          >
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        <span className="text-zinc-500">
          Page {data.page} of {Math.max(data.totalPages, 1)} · {data.totalItems} posts
        </span>
        {page < data.totalPages ? (
          <Link
            className="rounded-md border px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            href={pageHref(page + 1)}
          >
            Older →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </section>
  );
}
