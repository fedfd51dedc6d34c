/** Creating an account with a password: validation shared by the sign-up action, and the insert. */
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { isStorableText } from "../core/wire";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password";

export const MIN_PASSWORD_LENGTH = 10;

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

export const EMAIL_TAKEN = "An account with this email already exists.";

/** Inserts the member; a taken email is an answer (not an exception), also when two sign-ups race for it. */
export async function registerUser(
  db: Database,
  input: Pick<SignUpInput, "name" | "email" | "password">,
): Promise<{ ok: true; userId: string } | { ok: false; fieldErrors: { email: string } }> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({ name: input.name, email: normalizeEmail(input.email), role: "member", passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!row) return { ok: false, fieldErrors: { email: EMAIL_TAKEN } };
  return { ok: true, userId: row.id };
}
