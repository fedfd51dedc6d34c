"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function SignUpForm({
  action,
  callbackUrl,
  minPasswordLength,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
  minPasswordLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  return (
    // noValidate: the server's messages are the accessible ones; native bubbles would pre-empt them.
    <form action={formAction} noValidate className="space-y-4" aria-label="Sign up">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        error={errors.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        error={errors.password}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? "Creating your account…" : "Create account"}</SubmitButton>
    </form>
  );
}
