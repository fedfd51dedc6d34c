"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/** One email field and a button: "forgot password", "email me a sign-in code". */
export function EmailRequestForm({
  action,
  label,
  submitLabel,
  pendingLabel,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label={label}>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? pendingLabel : submitLabel}</SubmitButton>
    </form>
  );
}
