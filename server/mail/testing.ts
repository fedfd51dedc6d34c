/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port, PLAIN auth, no TLS), with what it received
 * parsed by mailparser. The app's own transport (nodemailer, SMTP_URL) talks to it exactly as to a provider.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const USER = "mailer";
/** Characters that must survive the URL's encoding. */
const PASSWORD = "p@ss:w/rd %1";

export interface TestSmtp {
  /** SMTP_URL for the app. */
  url: string;
  received: ParsedMail[];
  /** The newest message to this address whose subject contains `subject`, waiting up to `timeoutMs` for it. */
  waitFor(to: string, subject: string, options?: { timeoutMs?: number; after?: number }): Promise<ParsedMail>;
  close(): Promise<void>;
}

export const recipientOf = (mail: ParsedMail): string =>
  (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address?.toLowerCase() ?? "";

/** The first link in a message whose path starts with `path`, as path + query (`/verify-email?token=...`). */
export function linkIn(mail: ParsedMail, path: string): string {
  for (const match of (mail.text ?? "").matchAll(/https?:\/\/[^\s)\]>"]+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(path)) return `${url.pathname}${url.search}`;
  }
  throw new Error(`no link to ${path} in "${mail.subject}"`);
}

/** The token of the first such link. */
export const tokenIn = (mail: ParsedMail, path: string) =>
  new URL(linkIn(mail, path), "http://x").searchParams.get("token") ?? "";

/** `refuse` answers every recipient 550. */
export async function startTestSmtp({ refuse = false } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authMethods: ["PLAIN"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  const find = (to: string, subject: string, after: number) =>
    received
      .slice(after)
      .reverse()
      .find((m) => recipientOf(m) === to.toLowerCase() && (m.subject ?? "").includes(subject));
  return {
    url: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`,
    received,
    async waitFor(to, subject, { timeoutMs = 15_000, after = 0 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = find(to, subject, after);
        if (mail) return mail;
        if (Date.now() > deadline) {
          const seen = received.map((m) => `${recipientOf(m)}: ${m.subject}`).join("; ");
          throw new Error(`no mail "${subject}" to ${to} within ${timeoutMs} ms (received: ${seen || "nothing"})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
