"use client";
/** The tables of /dev/tables. A client component: `rowHref` is a function, which a server page cannot pass on. */
import { Plus } from "lucide-react";
import Link from "next/link";
import { ResourceTable } from "@/components/table/resource-table";
import { Button } from "@/components/ui/button";

export function ShowcaseTables() {
  return (
    <>
      <section aria-labelledby="posts-heading" className="flex flex-col gap-3">
        <h2 id="posts-heading" className="text-xl font-semibold">
          Posts
        </h2>
        <ResourceTable
          resource="posts"
          rowHref={(post) => `/admin/posts/${post.id}`}
          toolbarActions={
            <Button asChild size="sm">
              <Link href="/admin/posts/new">
                <Plus aria-hidden="true" />
                New post
              </Link>
            </Button>
          }
        />
      </section>
      <section aria-labelledby="announcements-heading" className="flex flex-col gap-3">
        <h2 id="announcements-heading" className="text-xl font-semibold">
          Announcements
        </h2>
        <ResourceTable
          resource="announcements"
          paramPrefix="ann"
          rowHref={(announcement) => `/admin/announcements/${announcement.id}`}
        />
      </section>
    </>
  );
}
