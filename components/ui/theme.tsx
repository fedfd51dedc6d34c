"use client";
/**
 * Light, dark or the OS preference, through next-themes: a `dark` class on <html> set by its inline script before
 * paint (no flash), the choice in localStorage (other tabs follow), the OS preference followed live. This file pins
 * the app's settings in one place and gives components a typed, hydration-safe view of the choice.
 */
import { Moon, Sun } from "lucide-react";
import { ThemeProvider as NextThemesProvider, useTheme as useNextTheme } from "next-themes";
import * as React from "react";
import { Button } from "./button";
import { cn } from "./cn";

/** What the user chose; "system" follows prefers-color-scheme. */
export type Theme = "light" | "dark" | "system";
export type ResolvedTheme = "light" | "dark";

/** Kept from the hand-written version, so a choice saved before next-themes still applies. */
const STORAGE_KEY = "atrium-theme";

/**
 * Wrap the app once, in the root layout (with suppressHydrationWarning on <html>: the script changes its class).
 * The script is rendered as a data block on the client: it only ever runs from the server's HTML, and React 19
 * reports a script it would create on the client as an error (pacocoursey/next-themes#385).
 */
export function ThemeProvider({ children }: { children: React.ReactNode }) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      storageKey={STORAGE_KEY}
      // globals.css sets color-scheme from the class already.
      enableColorScheme={false}
      disableTransitionOnChange
      scriptProps={typeof window === "undefined" ? undefined : { type: "application/json" }}
    >
      {children}
    </NextThemesProvider>
  );
}

export type ThemeContextValue = {
  /** The user's choice. */
  theme: Theme;
  /** What is showing: the choice, or the OS preference when the choice is "system". */
  resolvedTheme: ResolvedTheme;
  systemTheme: ResolvedTheme;
  setTheme: (theme: Theme) => void;
};

const noSubscription = () => () => {};

/**
 * The choice as the server rendered it ("system", light) until hydration is done, then the browser's: next-themes
 * reads localStorage in its first client render, which would not match the server's HTML.
 */
export function useTheme(): ThemeContextValue {
  const { theme, systemTheme, setTheme } = useNextTheme();
  const hydrated = React.useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const chosen: Theme = hydrated && (theme === "light" || theme === "dark") ? theme : "system";
  const system: ResolvedTheme = hydrated && systemTheme === "dark" ? "dark" : "light";
  return { theme: chosen, systemTheme: system, resolvedTheme: chosen === "system" ? system : chosen, setTheme };
}

/**
 * One button, named "Toggle dark mode", pressed while dark mode shows. Flipping back to what the OS prefers
 * stores "system" again, so the page follows the OS from then on.
 */
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, resolvedTheme, systemTheme, setTheme } = useTheme();
  const dark = resolvedTheme === "dark";
  const next: ResolvedTheme = dark ? "light" : "dark";
  const current = `${dark ? "Dark" : "Light"} mode${theme === "system" ? " (following the system)" : ""}`;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Toggle dark mode"
      aria-pressed={dark}
      title={current}
      data-theme={theme}
      onClick={() => setTheme(next === systemTheme ? "system" : next)}
      className={cn("size-8", className)}
    >
      {dark ? <Moon aria-hidden="true" /> : <Sun aria-hidden="true" />}
    </Button>
  );
}
