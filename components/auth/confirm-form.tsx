"use client";
import { useActionState } from "react";
import { FormAlert } from "./form-alert";
import type { AuthFormState } from "./form-state";
import { SubmitButton } from "./submit-button";

/**
 * One button that spends a mailed link's token. Links only land on a page: mail scanners open every link they see,
 * and a GET that used the token would spend it before its owner clicks.
 */
export function ConfirmForm({
  action,
  token,
  label,
  submitLabel,
  pendingLabel,
  callbackUrl,
}: {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  token: string;
  label: string;
  submitLabel: string;
  pendingLabel: string;
  callbackUrl?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" aria-label={label}>
      <input type="hidden" name="token" value={token} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending}>{pending ? pendingLabel : submitLabel}</SubmitButton>
    </form>
  );
}
