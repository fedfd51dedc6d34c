/** The public site's chrome (header with the user menu, a reading-width column); /admin has its own shell. */
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Brand } from "@/components/brand/brand";
import { SessionCacheGuard } from "@/components/trpc/session-cache-guard";
import { ThemeToggle } from "@/components/ui/theme";
import { currentAvatar, currentUser } from "@/server/auth/current-user";
import { signOutAction } from "./(auth)/actions";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The header's picture, read with the session (the header keeps it live).
  const avatar = user ? await currentAvatar() : null;
  return (
    <>
      <SessionCacheGuard userId={user?.id ?? null} />
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
        <nav className="mx-auto flex max-w-3xl items-center justify-between gap-2 px-4 py-3" aria-label="Main">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            <Brand />
          </Link>
          {/* On a phone the account links fold into one menu (UserMenu), so the header stays one row. */}
          <div className="ml-auto flex items-center gap-1">
            {user && (user.role === "admin" || user.role === "editor") ? (
              <Link
                href="/admin"
                className="hidden rounded-md px-2 py-1 text-sm hover:bg-zinc-100 sm:inline dark:hover:bg-zinc-800"
              >
                Admin
              </Link>
            ) : null}
            <ThemeToggle />
            <UserMenu user={user} avatar={avatar} signOutAction={signOutAction} />
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
    </>
  );
}
