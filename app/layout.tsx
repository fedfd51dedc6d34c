import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { ThemeProvider, ThemeToggle } from "@/components/ui/theme";
import { ThemeScript } from "@/components/ui/theme-script";
import { Toaster } from "@/components/ui/toaster";
import { currentUser } from "@/server/auth/current-user";
import { signOutAction } from "./(auth)/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Atrium", template: "%s · Atrium" },
  description: "A typed full-stack starter: Drizzle tables in, API, admin and live UI out.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    // suppressHydrationWarning: ThemeScript sets class="dark" on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <ThemeProvider>
          <TRPCReactProvider>
            <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
              <nav
                className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-y-2 px-4 py-3"
                aria-label="Main"
              >
                <Link href="/" className="text-lg font-semibold tracking-tight">
                  Atrium
                </Link>
                {/* On a phone a signed-in menu does not fit beside the name: the group wraps to its own row. */}
                <div className="ml-auto flex items-center gap-1">
                  <ThemeToggle />
                  <UserMenu user={user} signOutAction={signOutAction} />
                </div>
              </nav>
            </header>
            <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
            <Toaster />
          </TRPCReactProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
