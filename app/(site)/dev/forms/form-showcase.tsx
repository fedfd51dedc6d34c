"use client";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { ResourceForm } from "@/components/form/resource-form";
import type { CustomFieldProps } from "@/components/form/types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormControl, FormDescription, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/**
 * A field of a generated form replaced by a hand-made one, composed like any shadcn/ui form field: the generated
 * form's react-hook-form still validates it with the resource's rules and sends it.
 */
function ShoutedName({ field, spec, id }: CustomFieldProps) {
  const text = typeof field.value === "string" ? field.value : "";
  return (
    <FormItem id={id}>
      <FormLabel required={spec.required}>{spec.label}</FormLabel>
      <FormControl>
        <Input
          name={field.name}
          ref={field.ref}
          value={text}
          onChange={(event) => field.onChange(event.target.value.toUpperCase())}
          onBlur={field.onBlur}
        />
      </FormControl>
      <FormDescription>Written in capitals as you type ({text.length} / 50).</FormDescription>
      <FormMessage />
    </FormItem>
  );
}

function FormCard({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} role="region">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** The forms, each in its own card; creating a post offers to open it in the edit form. */
export function FormShowcase({ editId }: { editId?: string }) {
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  return (
    <div className="space-y-8">
      {editId ? (
        <FormCard
          id="edit-post"
          title="Edit post"
          description="Only changed fields are sent; read-only fields show what you may see but not change."
        >
          <ResourceForm resource="posts" id={editId} />
        </FormCard>
      ) : null}

      <FormCard
        id="new-announcement"
        title="New announcement"
        description="Text, markdown with preview, select, switch, number, date and time, date and JSON widgets."
      >
        {/* The switch has no database default in `meta`, so the page says what a new announcement starts as. */}
        <ResourceForm resource="announcements" defaults={{ active: true }} resetOnSuccess />
      </FormCard>

      <FormCard
        id="new-post"
        title="New post"
        description="A relation picker for the author (admins only) and a many-to-many tag picker."
      >
        <ResourceForm
          resource="posts"
          // The author is set by the server (the person saving); this page shows its picker anyway.
          showServerSet={["authorId"]}
          onSuccess={(post) => setCreated({ id: post.id, title: post.title })}
        />
        {created ? (
          <p className="mt-4 text-sm">
            Created “{created.title}”.{" "}
            <Link href={`/dev/forms?id=${created.id}`} className="text-indigo-600 underline dark:text-indigo-400">
              Edit it here
            </Link>
          </p>
        ) : null}
      </FormCard>

      <FormCard
        id="new-comment"
        title="New comment"
        description="A searchable, paged post picker; the form empties after sending."
      >
        <ResourceForm resource="comments" order={["postId", "body"]} submitLabel="Post comment" resetOnSuccess />
      </FormCard>

      <FormCard id="new-tag" title="New tag" description="A unique slug: a taken one is reported on the slug field.">
        <ResourceForm resource="tags" />
      </FormCard>

      <FormCard
        id="custom-field"
        title="Your own field in a generated form"
        description={
          <>
            <code className="font-mono">{"fields={{ name: { render } }}"}</code>: the name field is built from{" "}
            <code className="font-mono">FormItem</code>, <code className="font-mono">FormLabel</code>,{" "}
            <code className="font-mono">FormControl</code> and <code className="font-mono">FormMessage</code>, inside
            the form&apos;s react-hook-form.
          </>
        }
      >
        <ResourceForm
          resource="tags"
          aria-label="Tag with your own name field"
          fields={{ name: { render: (props) => <ShoutedName {...props} /> } }}
          resetOnSuccess
        />
      </FormCard>
    </div>
  );
}
