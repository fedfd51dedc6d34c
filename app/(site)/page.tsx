import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { PostList } from "@/components/posts/post-list";
import { publishedPostsInput } from "@/components/posts/queries";

// Reads the database on every request; never prerendered at build time (the build has no database).
export const dynamic = "force-dynamic";

const PER_PAGE = 10;

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = Number((await searchParams).page);
  const page = Number.isInteger(raw) && raw > 0 ? raw : 1;
  await getQueryClient().prefetchQuery(trpc.posts.list.queryOptions(publishedPostsInput(page, PER_PAGE)));
  return (
    <HydrateClient>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Latest posts</h1>
      <PostList page={page} perPage={PER_PAGE} />
    </HydrateClient>
  );
}
