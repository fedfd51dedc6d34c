/**
 * Reading mail in Playwright specs: the e2e server runs without SMTP_URL, so every message the app sends lands in
 * its dev mailbox (the dev_mail table), a moment after the action that caused it (mail is sent by a job).
 *
 *   const since = new Date();
 *   // ...sign up in the browser...
 *   const mail = await waitForMail("new@example.test", "verify-email", { after: since });
 *   await page.goto(linkIn(mail, "/verify-email"));
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { devMail } from "../../db/schema";
import { connectE2eDatabase } from "./db";

export interface ReceivedMail {
  subject: string;
  html: string;
  text: string;
}

const POLL_MS = 200;

/**
 * The newest `template` message to `to` (received after `after`, if given), waiting for it up to `timeoutMs` (10 s).
 * Throws, naming what the mailbox holds for that address, if none arrives.
 */
export async function waitForMail(
  to: string,
  template: string,
  { after, timeoutMs = 10_000 }: { after?: Date; timeoutMs?: number } = {},
): Promise<ReceivedMail> {
  const database = connectE2eDatabase();
  try {
    const recipient = sql`lower(${devMail.to}) = ${to.trim().toLowerCase()}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [mail] = await database.db
        .select({ subject: devMail.subject, html: devMail.html, text: devMail.text })
        .from(devMail)
        .where(and(recipient, eq(devMail.template, template), after ? gt(devMail.createdAt, after) : undefined))
        .orderBy(desc(devMail.createdAt))
        .limit(1);
      if (mail) return mail;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const present = await database.db
      .select({ template: devMail.template, createdAt: devMail.createdAt })
      .from(devMail)
      .where(recipient)
      .orderBy(desc(devMail.createdAt))
      .limit(10);
    const seen = present.map((m) => `${m.template} at ${m.createdAt.toISOString()}`).join(", ") || "nothing";
    throw new Error(
      `no "${template}" mail to ${to}${after ? ` after ${after.toISOString()}` : ""} within ${timeoutMs / 1000} s (the mailbox has ${seen} for that address)`,
    );
  } finally {
    await database.close();
  }
}

/**
 * The first absolute link in the message whose path starts with `pathPrefix`, as path and query (`/verify?token=..`)
 * so a spec can `page.goto` it on the test server whatever origin the mail was written for.
 */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  // The text version holds every link unescaped; the HTML is read too, for a link only a button carries.
  const candidates = [
    ...mail.text.matchAll(/https?:\/\/[^\s"'<>]+/g),
    ...mail.html.replaceAll("&amp;", "&").matchAll(/https?:\/\/[^\s"'<>]+/g),
  ];
  for (const [candidate] of candidates) {
    if (!URL.canParse(candidate)) continue;
    const url = new URL(candidate);
    if (url.pathname.startsWith(pathPrefix)) return `${url.pathname}${url.search}${url.hash}`;
  }
  throw new Error(`no link to ${pathPrefix}... in the mail "${mail.subject}"`);
}
