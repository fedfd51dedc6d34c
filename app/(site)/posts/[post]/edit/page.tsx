import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PostEditor } from "@/components/posts/post-editor";
import { serverCaller } from "@/server/admin";
import { currentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Edit post" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /posts/<id>/edit (the folder is [post]: the post page beside it takes a slug in the same place). */
export default async function EditPostPage({ params }: { params: Promise<{ post: string }> }) {
  const { post: id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/posts/${id}/edit`)}`);
  if (!UUID.test(id)) notFound();
  const post = await (await serverCaller()).posts.get({ id }).catch(() => null);
  if (!post) notFound();
  // The server's rule is what protects the post; this only spares the author a form they could not save.
  const mayEdit = post.authorId === user.id || user.role === "admin" || user.role === "editor";
  if (!mayEdit) {
    return (
      <div role="alert" data-testid="edit-forbidden">
        <h1 className="mb-2 text-2xl font-bold">You can only edit your own posts</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          “{post.title}” belongs to someone else.{" "}
          <Link className="underline" href={`/posts/${post.slug}`}>
            Back to the post
          </Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Edit post</h1>
      <PostEditor id={id} />
    </>
  );
}
