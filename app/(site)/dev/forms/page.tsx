import type { Metadata } from "next";
import { developmentOnly } from "@/app/dev/development-only";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
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
    </div>
  );
}
