import Link from "next/link";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { FormNotice } from "@/components/auth/form-notice";
import { Announcements } from "@/components/posts/announcements";
import { PostList } from "@/components/posts/post-list";
import { publishedPostsInput } from "@/components/posts/queries";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { currentUser } from "@/server/auth/current-user";

// Reads the database on every request; never prerendered at build time (the build has no database).
export const dynamic = "force-dynamic";

const PER_PAGE = 10;

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = Number(params.page);
  const page = Number.isInteger(raw) && raw > 0 ? raw : 1;
  // A NUL can not be searched for (PostgreSQL text holds none); dropping it keeps a pasted query working.
  const search = typeof params.q === "string" ? params.q.replaceAll("\u0000", "").trim().slice(0, 200) : "";
  const queryClient = getQueryClient();
  const [user] = await Promise.all([
    currentUser(),
    queryClient.prefetchQuery(trpc.posts.list.queryOptions(publishedPostsInput(page, PER_PAGE, search))),
    queryClient.prefetchQuery(trpc.announcements.list.queryOptions({ perPage: 3 })),
  ]);
  return (
    <HydrateClient>
      {params.notice === "account-deleted" ? (
        <FormNotice message="Your account was deleted. Thank you for having been here." className="mb-6" />
      ) : null}
      <Announcements />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="flex items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight">Latest posts</h1>
          {user ? (
            <Button asChild size="sm">
              <Link href="/posts/new">Write a post</Link>
            </Button>
          ) : null}
        </div>
        {/* A plain GET form: search works before (and without) JavaScript, and the URL can be shared. */}
        <search>
          <form action="/" className="flex gap-2">
            <label htmlFor="post-search" className="sr-only">
              Search posts
            </label>
            <Input id="post-search" name="q" type="search" defaultValue={search} placeholder="Search posts" />
            <Button type="submit" variant="outline">
              Search
            </Button>
          </form>
        </search>
      </div>
      <PostList page={page} perPage={PER_PAGE} search={search} />
    </HydrateClient>
  );
}
