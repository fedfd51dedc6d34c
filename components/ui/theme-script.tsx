/**
 * The theme's first move, before React: a blocking inline script in <head> that puts class="dark" on <html> from the
 * saved choice (or the OS preference) so a dark page never paints light first. Kept out of theme.tsx because a
 * <script> must be rendered by a server component to run (React does not execute scripts it renders on the client).
 */

export const THEME_STORAGE_KEY = "atrium-theme";

/** What the user chose; "system" follows prefers-color-scheme and is stored as no entry at all. */
export type Theme = "light" | "dark" | "system";

const script = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})();`;

/** Render once inside <head>; pair with suppressHydrationWarning on <html> (the class differs from the server's). */
export function ThemeScript() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant string written here, no outside input.
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
