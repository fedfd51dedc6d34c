"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import type { AuthFormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";

/** Shown while the address is unconfirmed: what it stops, and a button that mails the link again. */
export function VerifyEmailNotice({
  email,
  action,
}: {
  email: string;
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <section
      aria-label="Confirm your email address"
      className="mb-8 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">Confirm your email address to start posting.</p>
      <p className="mt-1">
        We sent a link to {email}. It works for 24 hours; signing in with a mailed code confirms the address too.
      </p>
      <form action={formAction} className="mt-3 space-y-2">
        {state.notice ? <p role="status">{state.notice}</p> : null}
        <FormAlert message={state.formError} />
        <Button type="submit" variant="outline" size="sm" loading={pending}>
          {pending ? "Sending…" : "Send the link again"}
        </Button>
      </form>
    </section>
  );
}
