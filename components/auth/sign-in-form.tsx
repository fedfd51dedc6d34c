"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function SignInForm({
  action,
  callbackUrl,
  initialError,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
  /** A failure Auth.js reported through the URL (e.g. a refused OAuth sign-in). */
  initialError?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { formError: initialError });
  return (
    // noValidate: the server's messages are the accessible ones; native bubbles would pre-empt them.
    <form action={formAction} noValidate className="space-y-4" aria-label="Sign in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? "Signing in…" : "Sign in"}</SubmitButton>
    </form>
  );
}
