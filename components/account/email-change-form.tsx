"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { FormNotice } from "@/components/auth/form-notice";
import type { AuthFormState } from "@/components/auth/form-state";
import { TextField } from "@/components/auth/text-field";
import { Button } from "@/components/ui/button";

/** A new address, confirmed by a link sent to it; the current password proves it is the owner asking. */
export function EmailChangeForm({
  action,
  askPassword,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  askPassword: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate aria-label="Change your email address" className="max-w-sm space-y-4">
      <FormNotice message={state.notice} />
      <TextField
        label="New email address"
        name="newEmail"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.newEmail}
        error={state.fieldErrors?.newEmail}
      />
      {askPassword ? (
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.currentPassword}
        />
      ) : null}
      <FormAlert message={state.formError} />
      <Button type="submit" loading={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}
