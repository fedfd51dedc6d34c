import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PostEditor } from "@/components/posts/post-editor";
import { currentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "New post" };

export default async function NewPostPage() {
  if (!(await currentUser())) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/posts/new")}`);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold tracking-tight">New post</h1>
      <PostEditor />
    </>
  );
}
