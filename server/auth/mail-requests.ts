/**
 * What a visitor may ask to be mailed: a password reset link, a sign-in code, or the verification link again. The
 * answer is the same for every address ("if it has an account, a mail is on its way"), and so is the work: the request
 * only counts the rate limit and enqueues a job keyed by the address; whether an account exists (and, for the
 * verification link, is still unverified) is looked up by the job, later, elsewhere (server/jobs/account-mail.ts).
 * Timing therefore cannot tell which addresses have accounts either.
 */
import { z } from "zod";
import type { Database } from "@/db/client";
import { enqueue } from "@/server/core/jobs/enqueue";
import { passwordResetRequestJob, signInCodeJob, verifyEmailRequestJob } from "@/server/jobs/account-mail";
import { isStorableText } from "../core/wire";
import { normalizeEmail } from "./email";
import { mailRules } from "./limits";
import { hitRateLimits } from "./rate-limit";

export const emailFieldSchema = z
  .string()
  .trim()
  .min(1, "Enter your email.")
  .max(254, "That email is too long.")
  .refine(isStorableText, "Remove the invalid characters.")
  .pipe(z.email("Enter a valid email address."))
  .transform(normalizeEmail);

export type MailRequestAnswer = { ok: true } | { ok: false; retryAfter: number };

async function request(db: Database, email: string, ip: string, job: typeof signInCodeJob): Promise<MailRequestAnswer> {
  const limited = await hitRateLimits(db, mailRules(email, ip));
  if (!limited.allowed) return { ok: false, retryAfter: limited.retryAfter };
  // A second ask while the first job waits adds nothing (the job's singleton key is the address).
  await enqueue(job, { email }, { tx: db });
  return { ok: true };
}

export function requestPasswordReset(db: Database, email: string, ip: string) {
  return request(db, email, ip, passwordResetRequestJob);
}

export function requestSignInCode(db: Database, email: string, ip: string) {
  return request(db, email, ip, signInCodeJob);
}

export function requestVerificationMail(db: Database, email: string, ip: string) {
  return request(db, email, ip, verifyEmailRequestJob);
}
