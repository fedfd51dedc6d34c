/** What a sign-in or sign-up server action answers, for its form to render. */
export interface AuthFormState {
  /** A problem with the whole attempt (wrong credentials, rate limit), shown above the button. */
  formError?: string;
  /** One message per field, by input name. */
  fieldErrors?: Partial<
    Record<
      | "name"
      | "email"
      | "currentPassword"
      | "password"
      | "confirmPassword"
      | "code"
      | "newEmail"
      | "confirmEmail"
      | "deletePassword",
      string
    >
  >;
  /** What the user typed (never passwords or codes), so a failed submit does not empty the form. */
  values?: { name?: string; email?: string; newEmail?: string };
  /** A multi-step form's step: the sign-in code form asks for the address, then for the code. */
  step?: "code";
  /** Something went right and the form stays: "A code is on its way". */
  notice?: string;
}
