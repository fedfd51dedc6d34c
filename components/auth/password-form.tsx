"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/** Choosing a new password: with a reset link (`token`), or signed in (then the current password proves it). */
export function PasswordForm({
  action,
  token,
  askCurrent,
  callbackUrl,
  minLength,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  token?: string;
  /** Ask for the current password, under this label ("Current password", or "Temporary password"). */
  askCurrent?: string;
  callbackUrl?: string;
  minLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Choose a new password">
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {askCurrent ? (
        <TextField
          label={askCurrent}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.currentPassword}
        />
      ) : null}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${minLength} characters.`}
        error={state.fieldErrors?.password}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.confirmPassword}
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save password"}</SubmitButton>
    </form>
  );
}
