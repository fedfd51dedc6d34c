import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { TRPCReactProvider } from "@/components/trpc/provider";
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
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <TRPCReactProvider>
          <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
            <nav className="mx-auto flex max-w-3xl items-center justify-between px-4 py-3" aria-label="Main">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Atrium
              </Link>
              <UserMenu user={user} signOutAction={signOutAction} />
            </nav>
          </header>
          <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
