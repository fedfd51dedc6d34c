"use client";
/**
 * The authors' post form on the product pages: the generated ResourceForm with the product's own choices (a plain
 * textarea instead of the admin's markdown editor, its own labels and field order), no fork of the form.
 */
import { useRouter } from "next/navigation";
import { ResourceForm } from "@/components/form/resource-form";
import { postHref } from "./queries";

export function PostEditor({ id }: { id?: string }) {
  const router = useRouter();
  return (
    <ResourceForm
      resource="posts"
      id={id}
      order={["title", "body", "tags", "status"]}
      fields={{
        title: { label: "Headline", help: "Five to two hundred characters; the address follows it." },
        body: { widget: "textarea", label: "Your story", help: "Markdown works: **bold**, # headings, - lists." },
        status: { label: "Visibility", help: "Drafts are visible to you and the editors only." },
      }}
      submitLabel={id ? "Save post" : "Create post"}
      onSuccess={(post) => router.push(postHref(post))}
    />
  );
}
