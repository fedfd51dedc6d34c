import type { Metadata } from "next";
import { developmentOnly } from "@/app/dev/development-only";
import { ResourceForm } from "@/components/form/resource-form";
import { ResourceTable } from "@/components/table/resource-table";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormShowcase } from "./form-showcase";

export const metadata: Metadata = {
  title: "Generated forms (developer page)",
  robots: { index: false, follow: false },
};

/**
 * A developer page for the generated ResourceForm: create forms with every widget, and an edit form for the post
 * named by `?id=`. What each form shows depends on who is signed in. Not linked from the app.
 */
export default async function FormsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await developmentOnly();
  const { id } = await searchParams;
  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Generated forms</h1>
        <Alert variant="warning" role="note">
          <AlertTitle>Developer page</AlertTitle>
          <AlertDescription>
            <p>
              Every form below is <code className="font-mono">{"<ResourceForm resource=… />"}</code> and nothing else:
              fields, widgets, rules and permissions come from the resource&apos;s{" "}
              <code className="font-mono">meta</code> for the signed-in user. Sign in as an admin, an editor or a member
              to see them change. Saving writes to the database. Not linked from the app and not indexed.
            </p>
          </AlertDescription>
        </Alert>
      </div>
      <FormShowcase editId={typeof id === "string" && id ? id : undefined} />
      <ServerComponentExample />
    </div>
  );
}

/**
 * The documented usage, written in this server component as it stands: no "use client" wrapper is needed for what
 * can be said in text. `redirectTo` and `rowHref` take addresses with `{field}` placeholders, where functions
 * (`onSuccess`, a `rowHref` callback) would need a client component around them.
 */
function ServerComponentExample() {
  return (
    <Card role="region" aria-labelledby="server-page-title">
      <CardHeader>
        <CardTitle id="server-page-title">From a server component</CardTitle>
        <CardDescription>
          <code className="font-mono">{'<ResourceForm resource="tags" redirectTo="/admin/tags/{id}" />'}</code> and{" "}
          <code className="font-mono">{'<ResourceTable resource="tags" rowHref="/admin/tags/{id}" />'}</code>, rendered
          by this page on the server.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-8">
        <ResourceForm
          resource="tags"
          aria-label="Tag from a server component"
          redirectTo="/admin/tags/{id}"
          cancelHref="/"
        />
        <ResourceTable
          resource="tags"
          caption="Tags"
          rowHref="/admin/tags/{id}"
          urlState={false}
          defaultColumns={["name", "slug"]}
        />
      </CardContent>
    </Card>
  );
}
