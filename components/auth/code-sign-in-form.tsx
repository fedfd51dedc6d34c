"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import { FormNotice } from "./form-notice";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/**
 * Sign-in with a mailed code, in two steps on one form: the address (a code is mailed if it has an account; the
 * answer is the same either way), then the 6-digit code. The server action says which step is next.
 */
export function CodeSignInForm({
  action,
  callbackUrl,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const askCode = state.step === "code";
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Sign in with a code">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {askCode ? (
        <>
          <input type="hidden" name="email" value={state.values?.email ?? ""} />
          <FormNotice message={state.notice} />
          <TextField
            label="Code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            autoFocus
            hint="The 6 digits from the mail."
            error={state.fieldErrors?.code}
          />
        </>
      ) : (
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
        />
      )}
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>
        {askCode ? (pending ? "Signing in…" : "Sign in") : pending ? "Sending…" : "Email me a code"}
      </SubmitButton>
    </form>
  );
}
