/**
 * What happens at every successful first step of a sign-in, whatever proved it (password, mail code or link, OAuth):
 * a session row is opened, pending a second factor when the account has two-factor on, and the user is told by mail
 * when the browser is one their account has not signed in from before.
 */
import Bowser from "bowser";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { appUrl } from "@/server/mail/app-url";
import { enqueueMail } from "@/server/mail/job";
import { createSession, isNewDevice } from "./sessions";

export interface SignInClient {
  userAgent: string;
  ip: string;
}

/** The client of a sign-in request, as the sessions list shows it. */
export function signInClient(headers: Headers, ip: string): SignInClient {
  return { userAgent: headers.get("user-agent") ?? "", ip };
}

/** "Firefox 133 on macOS" from a User-Agent, or "An unknown browser". For people, never for decisions. */
export function describeBrowser(userAgent: string): string {
  if (!userAgent) return "An unknown browser";
  const parsed = Bowser.parse(userAgent.slice(0, 512));
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const os = parsed.os.name;
  if (!browser) return os ? `A browser on ${os}` : "An unknown browser";
  return os ? `${browser} on ${os}` : browser;
}

/** Opens the session and returns its id, for the JWT's `sid`. Null when the user is gone. */
export async function openSession(
  db: Database,
  userId: string,
  method: string,
  client: SignInClient,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        name: users.name,
        email: users.email,
        twoFactorEnabledAt: users.twoFactorEnabledAt,
        signInAlerts: users.signInAlerts,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return null;
    const sessionId = await createSession(tx, {
      userId,
      method,
      ...client,
      secondFactorPending: user.twoFactorEnabledAt !== null,
    });
    if (user.signInAlerts && (await isNewDevice(tx, userId, client.userAgent, sessionId))) {
      // In the transaction: the mail exists if and only if the session does. Sent even while the second factor is
      // pending: the password was right, which is what the owner needs to hear about.
      await enqueueMail(tx, {
        to: user.email,
        template: "new-sign-in",
        props: {
          name: user.name,
          browser: describeBrowser(client.userAgent),
          ip: client.ip,
          when: new Date().toUTCString(),
          securityUrl: appUrl("/account/security"),
        },
      });
    }
    return sessionId;
  });
}
