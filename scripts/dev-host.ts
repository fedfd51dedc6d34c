/**
 * Where `next dev` listens: localhost, unless HOST or `-H`/`--hostname` says otherwise. Development prints the first
 * admin's password and seeds demo users with a published one, so by default nothing on the network may reach it.
 * `next start` keeps Next's own default (every interface), as a deployment behind a proxy expects.
 */
export function devHostArgs(command: string, args: string[], host: string | undefined): string[] {
  if (command !== "dev") return [];
  if (args.some((a) => a === "-H" || a === "--hostname" || a.startsWith("--hostname="))) return [];
  return ["--hostname", host || "localhost"];
}
