/**
 * The parts of PocketBase's API that Atrium does not take over HTTP (docs/pocketbase.md lists them): answered 501 in
 * PocketBase's error shape with what to do instead, so a PocketBase client fails with a reason, not a 404 or a page.
 */
import { pocketBaseError } from "./errors";

const INSTEAD: Record<string, string> = {
  "Managing collections":
    "Collections are Atrium resources: declare a Drizzle table and a definition in code and migrate (README, Resources).",
  Settings: "Atrium is configured through environment variables (README, Configuration).",
  Logs: "Request logs are in the admin at /admin/logs and in the server's JSON log.",
  Crons: "Schedules are declared in code and run by the worker (docs/jobs.md).",
};

export function notSupported(what: keyof typeof INSTEAD | string): Response {
  const instead = INSTEAD[what] ?? "";
  return pocketBaseError(501, `${what} is not supported by Atrium's PocketBase API. ${instead}`.trim());
}
