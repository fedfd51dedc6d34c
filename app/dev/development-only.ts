/**
 * The developer pages (/ui-kit, /dev/forms, /dev/tables) exist in `npm run dev` only; a production server answers
 * 404 for them. Each page calls this itself: a layout's notFound() would not stop Next from rendering the page beside
 * it into the 404 response. ATRIUM_DEV_PAGES=1 serves them from a production build too, for the Playwright specs of the
 * generated form and table (e2e/support/server.ts sets it). Like ATRIUM_BENCH it is a test switch, not an app setting,
 * so it is read here and not in env.ts.
 */
import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";

export async function developmentOnly(): Promise<void> {
  // Decided per request, not baked into the build: the same build serves them only where the switch is set.
  await connection();
  if (process.env.NODE_ENV !== "development" && process.env.ATRIUM_DEV_PAGES !== "1") notFound();
}
