/**
 * Rendering and delivering one message (docs/email.md). With SMTP_URL set, mail goes out through nodemailer (one
 * pooled transport per process); without it, into the database's dev mailbox, shown at /dev/mail.
 *
 * Call `sendMail` from a job, never from a request: a message is sent once the write that caused it has committed
 * (`enqueueMail` in ./job, or a job of your own that issues its token and then calls `sendMail`), and a failure
 * throws so the job retries. Nothing here logs a body, a subject or a link: messages carry credentials.
 */
import "server-only";
import { render } from "@react-email/render";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { createElement, type FunctionComponent } from "react";
import { z } from "zod";
import { devMail } from "@/db/schema";
import { env } from "@/env";
import type { Executor } from "@/server/core/executor";
import { logger } from "@/server/core/logging/logger";
import { type MailTemplateName, type MailTemplateProps, mailTemplates } from "./templates";

export type MailTransportKind = "smtp" | "dev-mailbox";

/** Where mail goes in this process: SMTP when SMTP_URL is set, else the dev mailbox. */
export function mailTransportKind(): MailTransportKind {
  return env().SMTP_URL ? "smtp" : "dev-mailbox";
}

/** One recipient: a bare address, so no comma, newline or display name can add a recipient or a header. */
export const mailAddress = z.email().max(254);

export interface MailMessage<N extends MailTemplateName = MailTemplateName> {
  to: string;
  template: N;
  props: MailTemplateProps<N>;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface SentMail {
  via: MailTransportKind;
  /** The SMTP Message-ID, or the dev mailbox row's id. */
  id: string;
}

/** The dev mailbox keeps this many messages, the newest. */
export const DEV_MAILBOX_KEEP = 500;

/** A message's subject, HTML and plain text. Props are data: React escapes every one of them in the HTML. */
export async function renderMail<N extends MailTemplateName>(
  template: N,
  props: MailTemplateProps<N>,
): Promise<RenderedMail> {
  const entry = mailTemplates[template];
  // The registry is indexed by a union, so TypeScript cannot pair this template's component with its props itself.
  const component = entry.component as FunctionComponent<MailTemplateProps<N>>;
  const subject = (entry.subject as (p: MailTemplateProps<N>) => string)(props);
  const element = createElement(component, props);
  try {
    const [html, text] = await Promise.all([
      render(element),
      render(element, {
        plainText: true,
        // html-to-text shouts headings by default; a heading reads better as it was written.
        htmlToTextOptions: {
          selectors: [
            { selector: "h1", options: { uppercase: false, leadingLineBreaks: 2 } },
            { selector: "h2", options: { uppercase: false, leadingLineBreaks: 2 } },
          ],
        },
      }),
    ]);
    return { subject, html, text: text.trim() };
  } catch (error) {
    // React's server renderer refuses to load where modules resolve as React Server Components (a process started
    // with --conditions=react-server, or a Server Component, action or route handler in Next): say where to send from.
    if (error instanceof Error && error.message.includes("not supported in React Server Components")) {
      throw new Error(
        "mail: cannot render here: react-dom/server does not load under the react-server condition. Send mail from a job (docs/email.md), in a process started without --conditions=react-server.",
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Renders `template` with `props` and delivers it to `to`. Throws when the address is not one plain address or the
 * SMTP server does not take the message (refused, unreachable, too slow), so the job that calls it retries.
 */
export async function sendMail<N extends MailTemplateName>(db: Executor, message: MailMessage<N>): Promise<SentMail> {
  const to = mailAddress.safeParse(message.to);
  if (!to.success) throw new Error("mail: the recipient must be one email address");
  if (!Object.hasOwn(mailTemplates, message.template)) throw new Error(`mail: no template named ${message.template}`);
  const { SMTP_URL, MAIL_FROM } = env();
  const rendered = await renderMail(message.template, message.props);
  const domain = to.data.slice(to.data.lastIndexOf("@"));
  if (!SMTP_URL) {
    const id = await keepInDevMailbox(db, { ...rendered, to: to.data, from: MAIL_FROM, template: message.template });
    logger("mail").info(`${message.template} to ${domain}: kept in the dev mailbox`);
    return { via: "dev-mailbox", id };
  }
  try {
    const info = await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: to.data, ...rendered });
    logger("mail").info(`${message.template} to ${domain}: sent over SMTP`);
    return { via: "smtp", id: info.messageId };
  } catch (error) {
    // nodemailer's message names the step and the server's answer (`EENVELOPE`, `550 ...`), never the body.
    const reason = error instanceof Error ? error.message : String(error);
    logger("mail").warn(`${message.template} to ${domain}: not sent over SMTP (${reason})`);
    throw new Error(`mail: the SMTP server did not take the message: ${reason}`, { cause: error });
  }
}

let devMailboxInserts = 0;
let warnedAboutDevMailbox = false;

async function keepInDevMailbox(db: Executor, row: typeof devMail.$inferInsert): Promise<string> {
  if (env().NODE_ENV === "production" && !warnedAboutDevMailbox) {
    warnedAboutDevMailbox = true;
    logger("mail").warn("SMTP_URL is not set: mail is kept in the dev mailbox (the dev_mail table), not delivered");
  }
  const [inserted] = await db.insert(devMail).values(row).returning({ id: devMail.id });
  // Pruned on the first message of each process and every 50th after: a bounded table at the cost of a rare delete.
  if (devMailboxInserts++ % 50 === 0) {
    await db.execute(
      sql`delete from ${devMail} where ${devMail.id} in (select ${devMail.id} from ${devMail} order by ${devMail.createdAt} desc offset ${DEV_MAILBOX_KEEP})`,
    );
  }
  if (!inserted) throw new Error("mail: the dev mailbox did not keep the message");
  return inserted.id;
}

/** Seconds an SMTP server may take: to accept the connection, to greet, and between two steps of one message. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

type Transport = nodemailer.Transporter<SMTPPool.SentMessageInfo>;

// On globalThis: Next's development server may evaluate this module more than once in one process, and each copy
// would open its own pool.
const state = globalThis as unknown as { atriumMailTransport?: { url: string; transport: Transport } };

/** The process's pooled SMTP transport, made on first use (and again if SMTP_URL changed, as it can in tests). */
function transport(url: string): Transport {
  const current = state.atriumMailTransport;
  if (current?.url === url) return current.transport;
  current?.transport.close();
  const options: SMTPPool.Options = {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    maxConnections: 3,
    // The URL's own settings (host, port, smtps, user and password, `?tls.rejectUnauthorized=false`) win over ours.
    ...parseConnectionUrl(url),
    pool: true,
  };
  const created = nodemailer.createTransport(options);
  state.atriumMailTransport = { url, transport: created };
  return created;
}

/** Closes the SMTP pool, if one is open (at shutdown, and between tests that point SMTP_URL elsewhere). */
export function closeMailTransport(): void {
  state.atriumMailTransport?.transport.close();
  state.atriumMailTransport = undefined;
}
