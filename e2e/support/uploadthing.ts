/**
 * Where the uploadthing stand-in of e2e/files-uploadthing.spec.ts listens. The app's Content-Security-Policy is fixed
 * when it is built (next.config.mjs), so the build Playwright runs against must already allow the browser to upload
 * there: `npm test` builds with `uploadthingBuildEnv()`, and a build made by hand for that spec needs the same
 * `UPLOADTHING_INGEST_URL`. One port past the e2e server's, so runs side by side (E2E_PORT) do not share it.
 */
export function uploadthingStandinPort(): number {
  return Number(process.env.E2E_PORT ?? 3210) + 1;
}

/** The env `next build` needs for the browser to reach the stand-in (connect-src). */
export function uploadthingBuildEnv(): Record<string, string> {
  return { UPLOADTHING_INGEST_URL: `http://127.0.0.1:${uploadthingStandinPort()}` };
}
