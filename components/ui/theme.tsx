"use client";
import { Moon, Sun } from "lucide-react";
import * as React from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { THEME_STORAGE_KEY, type Theme } from "./theme-script";

export type { Theme } from "./theme-script";
export type ResolvedTheme = "light" | "dark";

/*
 * The choice lives in localStorage and the OS preference in matchMedia; components read both through
 * useSyncExternalStore (the server snapshot is "system"/"light", so hydration never mismatches). The <html> class is
 * changed only by ThemeScript before paint and by the handlers here, never by a render, so hydration cannot flash.
 */
const DARK_QUERY = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function readTheme(): Theme {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function readSystem(): ResolvedTheme {
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

function applyTheme() {
  const theme = readTheme();
  const dark = theme === "dark" || (theme === "system" && readSystem() === "dark");
  document.documentElement.classList.toggle("dark", dark);
}

function writeTheme(theme: Theme) {
  try {
    if (theme === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage can be unavailable (private mode, blocked): the choice then lasts for this page only.
  }
  applyTheme();
  for (const listener of listeners) listener();
}

function subscribeTheme(onChange: () => void) {
  listeners.add(onChange);
  // Another tab changed the choice.
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY || event.key === null) {
      applyTheme();
      onChange();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

function subscribeSystem(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  const handler = () => {
    applyTheme();
    onChange();
  };
  media.addEventListener("change", handler);
  return () => media.removeEventListener("change", handler);
}

export type ThemeContextValue = {
  /** The user's choice. */
  theme: Theme;
  /** What is showing: the choice, or the OS preference when the choice is "system". */
  resolvedTheme: ResolvedTheme;
  systemTheme: ResolvedTheme;
  setTheme: (theme: Theme) => void;
};

const ThemeContext = React.createContext<ThemeContextValue | null>(null);

/** Provides useTheme(); wrap the app once, next to <ThemeScript /> in the root layout's <head>. */
export function ThemeProvider({ children }: { children: React.ReactNode }) {
  const theme = React.useSyncExternalStore(subscribeTheme, readTheme, () => "system" as const);
  const systemTheme = React.useSyncExternalStore(subscribeSystem, readSystem, () => "light" as const);
  const value = React.useMemo<ThemeContextValue>(
    () => ({ theme, systemTheme, resolvedTheme: theme === "system" ? systemTheme : theme, setTheme: writeTheme }),
    [theme, systemTheme],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  const context = React.useContext(ThemeContext);
  if (!context) throw new Error("useTheme() needs a <ThemeProvider> above it.");
  return context;
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
