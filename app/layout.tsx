import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { appConfig } from "@/atrium.config";
import { accentStyle } from "@/components/brand/brand";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { ThemeProvider } from "@/components/ui/theme";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: appConfig.name, template: `%s · ${appConfig.name}` },
  description: appConfig.description,
};

/** Providers only: the public site (app/(site)) and the admin (app/admin) bring their own chrome. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // suppressHydrationWarning: next-themes' script sets class="dark" on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning style={accentStyle}>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <ThemeProvider>
          <NuqsAdapter>
            <TRPCReactProvider>
              {children}
              <Toaster />
            </TRPCReactProvider>
          </NuqsAdapter>
        </ThemeProvider>
      </body>
    </html>
  );
}
