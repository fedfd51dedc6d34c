import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PostEditor } from "@/components/posts/post-editor";
import { currentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "New post" };

export default async function NewPostPage() {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/posts/new")}`);
  // posts.create is `verified` (server/resources/posts.ts): say so here rather than after the user wrote a post.
  if (!user.emailVerifiedAt) {
    return (
      <>
        <h1 className="mb-6 text-3xl font-bold tracking-tight">New post</h1>
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">Confirm your email address to post.</p>
          <p className="mt-1">
            Follow the link we mailed to {user.email}, or send a new one from{" "}
            <Link href="/account" className="underline">
              your account
            </Link>
            .
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">New post</h1>
      <PostEditor />
    </>
  );
}
