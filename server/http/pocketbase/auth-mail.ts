/**
 * The mailed flows through Atrium's own (docs/accounts.md): asking for a password reset link or the verification mail
 * again, and using the token such a mail carries. Asking answers 204 for every address, counted against the same
 * mail limits as the site's forms (per address as typed, and per IP), and only queues a job keyed by the address
 * (server/auth/mail-requests.ts), so neither the answer, the limit nor the timing tells which addresses have
 * accounts. Using a token goes through the same functions and limits as the site's pages: a reset ends every session
 * of the user (PocketBase tokens included) and mails the owner.
 */
import { linkTokenSchema } from "@/server/auth/account-tokens";
import { clientIp } from "@/server/auth/client-ip";
import { tooManyAttempts } from "@/server/auth/errors";
import { passwordResetSubmitRule } from "@/server/auth/limits";
import {
  emailFieldSchema,
  requestPasswordReset,
  requestVerificationMail as requestVerification,
} from "@/server/auth/mail-requests";
import { INVALID_RESET_LINK, newPasswordSchema, resetTokenSchema, resetWithLink } from "@/server/auth/password-reset";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { confirmEmail, INVALID_VERIFY_LINK } from "@/server/auth/verify-email";
import { type AuthForm, readAuthForm } from "./auth-form";
import type { AuthRequest } from "./auth-request";
import { pocketBaseError } from "./errors";

const MAX_TOKEN = 100;
const MAX_PASSWORD = 1024;

const noContent = () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } });

const rateLimited = (retryAfter: number) =>
  pocketBaseError(429, tooManyAttempts(retryAfter), {}, { "retry-after": String(retryAfter) });

/** The normalized address of the `email` field, or "" with the field's error recorded. */
function readEmail(form: AuthForm): string {
  const raw = form.text("email", { max: 254 });
  if (!raw) return "";
  const parsed = emailFieldSchema.safeParse(raw);
  return parsed.success ? parsed.data : form.fail("email", "validation_is_email", "Must be a valid email address.");
}

/**
 * Asking for a mail by address. The job looks the account up later (server/jobs/account-mail.ts), so this request does
 * the same work for any address.
 */
function mailAsker(ask: typeof requestPasswordReset): (request: AuthRequest) => Promise<Response> {
  return async ({ req, db }) => {
    const read = await readAuthForm(req);
    if (!read.ok) return read.response;
    const email = readEmail(read.form);
    const invalid = read.form.errors();
    if (invalid) return invalid;
    const asked = await ask(db, email, clientIp(req.headers));
    return asked.ok ? noContent() : rateLimited(asked.retryAfter);
  };
}

export const requestPasswordResetMail = mailAsker(requestPasswordReset);
/** As for a reset: the job decides whether the address has an unverified account. */
export const requestVerificationMail = mailAsker(requestVerification);

export async function confirmPasswordReset({ req, db }: AuthRequest): Promise<Response> {
  const read = await readAuthForm(req);
  if (!read.ok) return read.response;
  const { form } = read;
  const token = form.text("token", { max: MAX_TOKEN });
  const password = form.text("password", { max: MAX_PASSWORD });
  const passwordConfirm = form.text("passwordConfirm", { max: MAX_PASSWORD });
  if (token && !resetTokenSchema.safeParse(token).success) {
    form.fail("token", "validation_invalid_token", "Invalid or expired token.");
  }
  if (password) {
    // The sign-up and reset page's rules (length, storable text, the two matching); a blank confirmation was named.
    const parsed = newPasswordSchema.safeParse({ password, confirmPassword: passwordConfirm });
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      if (issue.path[0] === "confirmPassword")
        form.fail("passwordConfirm", "validation_values_mismatch", issue.message);
      else if (issue.code === "too_small" || issue.code === "too_big") {
        form.fail("password", "validation_length_out_of_range", issue.message);
      } else form.fail("password", "validation_invalid_value", issue.message);
    }
  }
  const invalid = form.errors();
  if (invalid) return invalid;
  const ip = clientIp(req.headers);
  // The /reset-password page's own budget: the two paths share it.
  const limited = await hitRateLimits(db, [passwordResetSubmitRule(ip)]);
  if (!limited.allowed) return rateLimited(limited.retryAfter);
  const userId = await resetWithLink(db, token, password, ip);
  if (!userId) {
    return pocketBaseError(400, "Invalid or expired password reset token.", {
      token: { code: "validation_invalid_token", message: INVALID_RESET_LINK },
    });
  }
  return noContent();
}

export async function confirmVerification({ req, db }: AuthRequest): Promise<Response> {
  const read = await readAuthForm(req);
  if (!read.ok) return read.response;
  const { form } = read;
  const token = form.text("token", { max: MAX_TOKEN });
  if (token && !linkTokenSchema.safeParse(token).success) {
    form.fail("token", "validation_invalid_token", "Invalid or expired token.");
  }
  const invalid = form.errors();
  if (invalid) return invalid;
  if (!(await confirmEmail(db, token))) {
    return pocketBaseError(400, "Invalid or expired verification token.", {
      token: { code: "validation_invalid_token", message: INVALID_VERIFY_LINK },
    });
  }
  return noContent();
}
