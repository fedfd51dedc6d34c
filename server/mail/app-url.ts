/**
 * Absolute links for mail: a message is read outside the app, so every link in it carries the app's public origin.
 *
 * The origin is APP_URL, else AUTH_URL, else http://localhost:$PORT (PORT default 3000). AUTH_URL and PORT are
 * read from process.env here because they belong to Auth.js and to Next, which read them themselves; env.ts does
 * not validate them (APP_URL, which it does, is the setting to use).
 */
import { env } from "@/env";

/** `/reset-password?token=...` -> `https://app.example.com/reset-password?token=...`. */
export function appUrl(path: string): string {
  // "//host" and "/\host" would name another host to a browser; a mail link must stay on the app's origin.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
    throw new Error(`appUrl takes a path that starts with one "/", not ${JSON.stringify(path.slice(0, 40))}`);
  }
  return `${appOrigin()}${path}`;
}

/** The public origin links in mail point to, without a trailing slash. */
export function appOrigin(): string {
  const configured = env().APP_URL ?? process.env.AUTH_URL;
  // An AUTH_URL may carry Auth.js's base path (`https://app.example.com/api/auth`): only its origin is the app's.
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  const port = Number(process.env.PORT);
  return `http://localhost:${Number.isInteger(port) && port > 0 && port < 65_536 ? port : 3000}`;
}
