"use client";
/**
 * The back office frame: a sidebar of every registered resource (plus dashboard and audit log), a top bar with the
 * theme toggle and the user, and on phones the sidebar in a sheet behind a menu button.
 */
import { LayoutDashboard, Menu, Network, ScrollText, ShieldCheck, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { LiveAvatar } from "@/components/auth/live-avatar";
import { Brand } from "@/components/brand/brand";
import type { StoredFile } from "@/components/files/stored-file";
import { LiveIndicator } from "@/components/live/live-indicator";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { ThemeToggle } from "@/components/ui/theme";
import type { AdminResourceLink } from "@/server/admin";
import { ResourceIcon } from "./resource-icon";

interface ShellProps {
  user: { id: string; name: string; role: string };
  /** The user's avatar, read with the session, for their picture. */
  avatar: StoredFile | null;
  resources: AdminResourceLink[];
  signOutAction: () => Promise<void>;
  children: ReactNode;
}

function NavLinks({ resources, role }: { resources: AdminResourceLink[]; role: string }) {
  const pathname = usePathname();
  const item = (href: string, label: ReactNode, exact = false) => {
    const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
    return (
      <li key={href}>
        <Link
          href={href}
          aria-current={active ? "page" : undefined}
          className={cn(
            "flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800",
            active && "bg-zinc-100 font-semibold dark:bg-zinc-800",
          )}
        >
          {label}
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Admin">
      <ul className="space-y-1">
        {item(
          "/admin",
          <>
            <LayoutDashboard className="size-4" aria-hidden /> Dashboard
          </>,
          true,
        )}
      </ul>
      <p className="mt-6 mb-2 px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Resources</p>
      {/* Named, so tests and assistive technology tell the resource lists from the system pages below. */}
      <ul className="space-y-1" aria-label="Resources">
        {resources.map((r) =>
          item(
            `/admin/${r.name}`,
            <>
              <ResourceIcon name={r.icon} className="size-4 shrink-0" /> <span className="truncate">{r.label}</span>
            </>,
          ),
        )}
      </ul>
      {role === "admin" ? (
        <>
          <p className="mt-6 mb-2 px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase">System</p>
          <ul className="space-y-1">
            {item(
              "/admin/audit",
              <>
                <ScrollText className="size-4" aria-hidden /> Audit log
              </>,
            )}
            {item(
              "/admin/jobs",
              <>
                <Workflow className="size-4" aria-hidden /> Jobs
              </>,
            )}
            {item(
              "/admin/security",
              <>
                <ShieldCheck className="size-4" aria-hidden /> Security
              </>,
            )}
            {item(
              "/admin/schema",
              <>
                <Network className="size-4" aria-hidden /> Schema
              </>,
            )}
          </ul>
        </>
      ) : null}
    </nav>
  );
}

export function AdminShell({ user, avatar, resources, signOutAction, children }: ShellProps) {
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-white p-4 md:block dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/admin" className="mb-6 block px-3 text-lg font-semibold tracking-tight">
          <Brand suffix="admin" />
        </Link>
        <NavLinks resources={resources} role={user.role} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-zinc-200 bg-white/80 px-4 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
          <Sheet>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open the admin menu">
                <Menu className="size-5" aria-hidden />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 p-4">
              <SheetTitle className="mb-6 px-3">
                <Brand suffix="admin" />
              </SheetTitle>
              <NavLinks resources={resources} role={user.role} />
            </SheetContent>
          </Sheet>
          <Link href="/" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
            View site
          </Link>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <LiveIndicator className="mr-2" />
            <Link
              href="/account"
              aria-label="Your profile"
              className="rounded-full hover:opacity-80 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
            >
              <LiveAvatar user={user} avatar={avatar} />
            </Link>
            <span className="hidden sm:inline" data-testid="admin-user">
              {user.name}{" "}
              <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{user.role}</span>
            </span>
            <ThemeToggle />
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </header>
        <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
      </div>
    </div>
  );
}
