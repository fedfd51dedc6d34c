/**
 * The app's identity in one place: its name, logo and accent colour. The site header, the admin shell, page titles,
 * the sign-in page and (later) emails read it from here. Change these values to make the template yours; see
 * docs/starting-your-app.md.
 */
export interface AppConfig {
  /** Shown in the site header, the admin, every page title (`Sign in · Name`) and emails. */
  name: string;
  /** One sentence for search engines and link previews. */
  description: string;
  /** A square image under public/ (SVG or PNG), drawn at 24 px on the accent colour: a transparent glyph shows it. */
  logo: `/${string}`;
  /** `#rgb` or `#rrggbb`: the brand colour behind the logo, and Tailwind's `accent` (`bg-accent`, `text-accent`). */
  accent: `#${string}`;
}

export const appConfig = {
  name: "Atrium",
  description: "A typed full-stack starter: Drizzle tables in, API, admin and live UI out.",
  logo: "/logo.svg",
  accent: "#4f46e5",
} as const satisfies AppConfig;
