/** The home page of an app started from Atrium (`npm run demo:remove` puts it in place): replace it with yours. */
import Link from "next/link";
import { appConfig } from "@/atrium.config";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/server/auth/current-user";

// Reads the session on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await currentUser();
  const staff = user?.role === "admin" || user?.role === "editor";
  return (
    <section className="py-10">
      <h1 className="text-3xl font-bold tracking-tight">{appConfig.name}</h1>
      <p className="mt-3 max-w-prose text-zinc-600 dark:text-zinc-400">{appConfig.description}</p>
      <div className="mt-6 flex flex-wrap gap-2">
        {!user ? (
          <Button asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
        ) : staff ? (
          <Button asChild>
            <Link href="/admin">Open the admin</Link>
          </Button>
        ) : null}
        {user ? (
          <Button asChild variant="outline">
            <Link href="/account/tokens">API tokens</Link>
          </Button>
        ) : null}
      </div>
    </section>
  );
}
