"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { TextField } from "@/components/auth/text-field";
import { Button } from "@/components/ui/button";

/** Deleting one's account: typing the address (and the password, when there is one) is the confirmation. */
export function DeleteAccountForm({
  action,
  email,
  askPassword,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  email: string;
  askPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate aria-label="Delete your account" className="max-w-sm space-y-4">
      <TextField
        label={`Type ${email} to confirm`}
        name="confirmEmail"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        required
        error={state.fieldErrors?.confirmEmail}
      />
      {askPassword ? (
        <TextField
          label="Password"
          name="deletePassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.deletePassword}
        />
      ) : null}
      <FormAlert message={state.formError} />
      <Button type="submit" variant="destructive" loading={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </form>
  );
}
