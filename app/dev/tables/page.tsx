import type { Metadata } from "next";
import Link from "next/link";
import { developmentOnly } from "@/app/dev/development-only";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ThemeToggle } from "@/components/ui/theme";
import { ShowcaseTables } from "./showcase-tables";

export const metadata: Metadata = { title: "Tables (developer page)", robots: { index: false, follow: false } };

/** A developer page for the generated ResourceTable: two tables on one page, each with its own URL parameters. */
export default async function TablesPage() {
  await developmentOnly();
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-10 px-4 py-8">
      <div className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-4">
          <h1 className="text-3xl font-bold tracking-tight">Tables</h1>
          <div className="flex items-center gap-1">
            <Link href="/" className="rounded-md px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Home
            </Link>
            <ThemeToggle />
          </div>
        </div>
        <Alert variant="warning" role="note">
          <AlertTitle>Developer page</AlertTitle>
          <AlertDescription>
            <code className="font-mono">{"<ResourceTable />"}</code> from{" "}
            <code className="font-mono">components/table</code> over live data, as the signed-in user may see it. Not
            linked from the app and not indexed.{" "}
            <Link href="/sign-in" className="underline">
              Sign in
            </Link>{" "}
            as an editor or admin to see drafts, deleted rows and bulk actions.
          </AlertDescription>
        </Alert>
      </div>
      <ShowcaseTables />
    </main>
  );
}
