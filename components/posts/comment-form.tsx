"use client";
/**
 * The comment box under a post: the generated comment form, its post preset and hidden, emptied after sending (the
 * author is the signed-in reader: the server sets it, so the form leaves it out). Its own module so that readers who
 * are not signed in, most of a post's visitors, never download the form (see post-comments.tsx).
 */
import { ResourceForm } from "@/components/form/resource-form";

export function CommentForm({ postId }: { postId: string }) {
  return (
    <ResourceForm
      resource="comments"
      defaults={{ postId }}
      fields={{ postId: { hidden: true }, body: { label: "Add a comment" } }}
      submitLabel="Post comment"
      resetOnSuccess
    />
  );
}
