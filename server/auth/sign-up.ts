/**
 * The sign-up form's rules (also what `npm run admin:reset` holds a new password to). Creating the account is
 * register.ts, which needs the job queues; this file stays free of them so scripts can use the rules.
 */
import { z } from "zod";
import { isStorableText } from "../core/wire";
import { normalizeEmail } from "./email";
import { MIN_PASSWORD_LENGTH } from "./password";

export { MIN_PASSWORD_LENGTH };

/** Text PostgreSQL can store (no NUL, no unpaired surrogate), said on the field rather than failing the insert. */
const storable = (s: z.ZodString) => s.refine(isStorableText, "Remove the invalid characters.");

export const signUpSchema = z
  .object({
    name: storable(z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters.")),
    email: storable(z.string().trim().min(1, "Enter your email.").max(254, "That email is too long."))
      .pipe(z.email("Enter a valid email address."))
      .transform(normalizeEmail),
    password: storable(
      z
        .string()
        .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
        .max(1024, "Use at most 1024 characters."),
    ),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export type SignUpInput = z.infer<typeof signUpSchema>;
