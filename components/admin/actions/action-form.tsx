"use client";
/**
 * The form of an action's input, in its dialog: the generated fields (the widgets of components/form, checked in the
 * browser with the rules `meta` gives), the confirmation when the action asks for one, and the server's refusals
 * shown on their fields. Submitting runs the action; the dialog closes once it has.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { isTRPCClientError } from "@trpc/client";
import { type FormEvent, useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { FieldControl } from "@/components/form/field-control";
import type { Drafts } from "@/components/form/form-values";
import { splitServerErrors } from "@/components/form/server-errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form";
import type { ActionDescriptor } from "@/server/core/actions/describe";
import type { AppRouter } from "@/server/router";
import { actionFormFields, actionInputSchema, actionInputValues, initialActionDrafts } from "./action-fields";

export interface ActionFormProps {
  action: ActionDescriptor;
  /** Runs the action with the input; a rejection is shown in the form. */
  onSubmit: (input: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
  /** The confirm button's text (the action's label, or its confirmation's). */
  submitLabel: string;
}

export function ActionForm({ action, onSubmit, onCancel, submitLabel }: ActionFormProps) {
  const specs = useMemo(() => actionFormFields(action), [action]);
  const [initial] = useState(() => initialActionDrafts(action, specs));
  const form = useForm<Drafts, unknown, Record<string, unknown>>({
    defaultValues: initial,
    resolver: zodResolver(actionInputSchema(specs, initial)),
    mode: "onBlur",
    reValidateMode: "onChange",
  });
  const formId = useId();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const confirm = action.confirm;

  async function submitValues(parsed: Record<string, unknown>) {
    setFormErrors([]);
    setPending(true);
    try {
      await onSubmit(actionInputValues(specs, parsed));
    } catch (error) {
      const shown = new Set(specs.map((s) => s.name));
      const labels = new Map(specs.map((s) => [s.name, s.label]));
      const split = splitServerErrors(
        isTRPCClientError<AppRouter>(error)
          ? error
          : { message: error instanceof Error ? error.message : "Something went wrong." },
        shown,
        labels,
      );
      for (const [name, messages] of Object.entries(split.fields)) {
        form.setError(name, { type: "server", message: messages.join(" ") }, { shouldFocus: true });
      }
      setFormErrors(split.form);
    } finally {
      setPending(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    // The dialog's form sits in a portal, but React bubbles its submit up the tree to any form around the trigger.
    event.stopPropagation();
    void form.handleSubmit(submitValues)(event);
  }

  return (
    <form
      noValidate
      aria-label={action.label}
      onSubmit={submit}
      className="grid gap-5"
      aria-busy={pending || undefined}
    >
      {specs.map((spec) => (
        <FormField<Drafts, string, Record<string, unknown>>
          key={spec.name}
          control={form.control}
          name={spec.name}
          render={({ field, fieldState }) => (
            <FieldControl
              id={`${formId}-${spec.name}`}
              spec={spec}
              mode="create"
              value={field.value ?? null}
              errors={fieldState.error?.message ? [fieldState.error.message] : undefined}
              onChange={(value) => {
                field.onChange(value);
                if (fieldState.error) void form.trigger(spec.name);
              }}
              onBlur={field.onBlur}
              disabled={pending}
            />
          )}
        />
      ))}
      {confirm ? (
        // Static copy of the dialog, not news: a note, not a live region read out as the dialog opens; amber even for
        // a destructive action (its button is red), so that it never looks like an error.
        <Alert variant="warning" role="note">
          <AlertDescription>{confirm.description}</AlertDescription>
        </Alert>
      ) : null}
      {formErrors.length > 0 ? (
        <Alert variant="destructive" role="alert">
          <AlertTitle>{action.label} was not done</AlertTitle>
          <AlertDescription>
            {formErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant={confirm?.destructive ? "destructive" : "default"} loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
