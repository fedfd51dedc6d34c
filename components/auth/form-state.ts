/** What a sign-in or sign-up server action answers, for its form to render. */
export interface AuthFormState {
  /** A problem with the whole attempt (wrong credentials, rate limit), shown above the button. */
  formError?: string;
  /** One message per field, by input name. */
  fieldErrors?: Partial<Record<"name" | "email" | "currentPassword" | "password" | "confirmPassword", string>>;
  /** What the user typed (never passwords), so a failed submit does not empty the form. */
  values?: { name?: string; email?: string };
}
