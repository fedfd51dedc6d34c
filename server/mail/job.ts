/**
 * Mail sent after commit (docs/email.md): `enqueueMail(tx, message)` inside a write's transaction queues a
 * "mail.send" job that exists if and only if the write commits; a worker renders and delivers it, retrying while
 * the SMTP server refuses or is down.
 *
 * For notices that carry no secret ("your password was changed"): the job's input, props included, is kept in the
 * jobs table and shown in the admin's Jobs page. A message with a link or code is sent by a job of its own that
 * issues the token when it runs and calls `sendMail` directly, so no usable secret is ever stored.
 */
import "server-only";
import { z } from "zod";
import type { Executor } from "@/server/core/executor";
import { defineJob } from "@/server/core/jobs/define";
import { enqueue } from "@/server/core/jobs/enqueue";
import { type MailMessage, mailAddress, sendMail } from "./send";
import { type MailTemplateName, mailTemplateNames } from "./templates";

/** Props as data: a few short strings and numbers (a template's props are nothing else). */
const mailProps = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), z.union([z.string().max(2_000), z.number().finite()]))
  .refine((props) => Object.keys(props).length <= 20, "at most 20 props");

export const mailJob = defineJob("mail.send", {
  input: z.object({ to: mailAddress, template: z.enum(mailTemplateNames), props: mailProps }),
  // 5 s, 10 s, 20 s, 40 s, 80 s: an SMTP server that is restarting or rate-limiting gets a few minutes.
  retry: { limit: 5, delay: 5, backoff: true },
  timeout: "1m",
  concurrency: 2,
  run: async ({ to, template, props }, { db }) => {
    // The props were checked against their template's type where the job was enqueued (enqueueMail); here they are
    // JSON read back from the jobs table.
    const sent = await sendMail(db, { to, template, props } as unknown as MailMessage);
    // Kept as the job's output in the admin: where it went, never what it said.
    return { via: sent.via };
  },
});

/**
 * Queues `message` in `tx`: it is sent once `tx` commits, and never if it rolls back. Returns the job's id.
 * Only for messages without a secret (see the file's header).
 */
export async function enqueueMail<N extends MailTemplateName>(tx: Executor, message: MailMessage<N>): Promise<string> {
  const id = await enqueue(
    mailJob,
    { to: message.to, template: message.template, props: { ...message.props } },
    { tx },
  );
  // Only a job with a singleton key can come back without an id, and this one has none.
  if (id === null) throw new Error("mail: the message was not queued");
  return id;
}
