"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/** The second step of sign-in: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactorForm({
  action,
  callbackUrl,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Two-factor code">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={40}
        required
        autoFocus
        hint="6 digits from your authenticator app, or one of your recovery codes."
        error={state.fieldErrors?.code}
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? "Checking…" : "Continue"}</SubmitButton>
    </form>
  );
}
