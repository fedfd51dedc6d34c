import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describeBrowser } from "@/server/auth/open-session";
import type { SessionSummary } from "@/server/auth/sessions";

const when = (date: Date) =>
  `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

const METHODS: Record<string, string> = {
  password: "password",
  code: "mailed code",
  link: "mailed link",
  "api:password": "password, through the PocketBase API",
};

/** "password + authenticator code" from a session's method. */
function describeMethod(method: string): string {
  const [first = "", second] = method.split("+");
  const base = first.startsWith("oauth:") ? `${first.slice(6)} account` : (METHODS[first] ?? first);
  if (second === "totp") return `${base} + authenticator code`;
  if (second === "recovery") return `${base} + recovery code`;
  return base;
}

/**
 * The user's signed-in browsers, newest use first, each with "Sign out" (the current one is marked, and signs out
 * from the header instead). Plain forms: works before any script has loaded.
 */
export function SessionsList({
  sessions,
  revoke,
  revokeOthers,
}: {
  sessions: SessionSummary[];
  revoke: (formData: FormData) => Promise<void>;
  revokeOthers: () => Promise<void>;
}) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Signed-in sessions">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0 text-sm">
              <p className="font-medium">
                {describeBrowser(session.userAgent)}
                {session.current ? (
                  <Badge className="ml-2" variant="secondary">
                    This browser
                  </Badge>
                ) : null}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {session.ip || "unknown address"} · signed in {when(session.createdAt)} with{" "}
                {describeMethod(session.method)} · last active {when(session.lastSeenAt)}
              </p>
            </div>
            {session.current ? null : (
              <form action={revoke}>
                <input type="hidden" name="sessionId" value={session.id} />
                <Button type="submit" variant="outline" size="sm">
                  Sign out<span className="sr-only"> {describeBrowser(session.userAgent)}</span>
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form action={revokeOthers}>
          <Button type="submit" variant="outline">
            Sign out all other sessions ({others})
          </Button>
        </form>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You are signed in nowhere else.</p>
      )}
    </div>
  );
}
