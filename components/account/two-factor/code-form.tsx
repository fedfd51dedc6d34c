"use client";
import type { ComponentProps } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { TextField } from "@/components/auth/text-field";
import { Button } from "@/components/ui/button";
import type { TwoFactorFormState } from "./form-state";

/**
 * One code field and a button: confirming the setup, making new recovery codes, turning two-factor off. The panel
 * owns the action's state (it outlives this form, e.g. the recovery codes a confirmation returns).
 */
export function CodeForm({
  label,
  name,
  hint,
  submitLabel,
  pendingLabel,
  action,
  state,
  pending,
  variant = "default",
  acceptsRecoveryCode = false,
}: {
  /** The form's accessible name and the field's label. */
  label: { form: string; field: string };
  /** The field's name (also its id: unique on the page). */
  name: string;
  hint?: string;
  submitLabel: string;
  pendingLabel: string;
  action: (formData: FormData) => void;
  state: TwoFactorFormState;
  pending: boolean;
  variant?: ComponentProps<typeof Button>["variant"];
  /** A recovery code is letters too: no numeric keypad then. */
  acceptsRecoveryCode?: boolean;
}) {
  return (
    // noValidate: the server's messages are the accessible ones.
    <form action={action} noValidate aria-label={label.form} className="space-y-3">
      <div className="max-w-xs">
        <TextField
          label={label.field}
          name={name}
          hint={hint}
          error={state.codeError}
          required
          autoComplete="one-time-code"
          inputMode={acceptsRecoveryCode ? "text" : "numeric"}
          spellCheck={false}
          autoCapitalize="off"
          maxLength={acceptsRecoveryCode ? 16 : 7}
          className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-base tracking-widest shadow-sm outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/40 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <FormAlert message={state.formError} />
      <Button type="submit" variant={variant} loading={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
