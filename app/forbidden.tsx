/**
 * The 403 page. forbidden() in a layout is caught one segment up, so the admin gate (app/admin/layout.tsx) lands
 * here, in the root layout without the site's or the admin's chrome; the admin is the only caller today, hence the
 * wording. A segment that refuses for other reasons gets its own forbidden.tsx. Visitors who are not signed in never
 * see it: the admin sends them to sign in.
 *
 * It reads nothing about the request on purpose: Next renders this component into every page's response (as the
 * root boundary's fallback), so a session lookup here would cost every page a query and make the 404 page dynamic.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { PlainHeader } from "@/components/errors/plain-header";
import { Button } from "@/components/ui/button";
import { signOut } from "@/server/auth";

export const metadata: Metadata = { title: "Editors and admins only", robots: { index: false, follow: false } };

async function signInAsSomeoneElse(): Promise<void> {
  "use server";
  await signOut({ redirectTo: `/sign-in?callbackUrl=${encodeURIComponent("/admin")}` });
}

export default function Forbidden() {
  return (
    <>
      <PlainHeader />
      <main className="mx-auto max-w-xl px-4 pb-24 pt-12 text-center sm:pt-20" data-testid="admin-forbidden">
        <p className="text-sm font-semibold text-red-700 dark:text-red-400">403 · No access</p>
        <h1 className="mt-2 text-balance text-3xl font-bold tracking-tight">The admin is for editors and admins</h1>
        <p className="mt-4 text-pretty text-zinc-600 dark:text-zinc-400">
          Your account does not have the editor or admin role. Ask an admin for it if you need access, or sign in with
          another account.
        </p>
        <div className="mt-8 flex flex-col items-stretch justify-center gap-3 sm:flex-row sm:items-center">
          <Button asChild variant="outline">
            <Link href="/">Back to the site</Link>
          </Button>
          <form action={signInAsSomeoneElse}>
            <Button type="submit" className="w-full sm:w-auto">
              Sign in as someone else
            </Button>
          </form>
        </div>
      </main>
    </>
  );
}
