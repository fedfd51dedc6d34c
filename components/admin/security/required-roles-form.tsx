"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

export interface RequiredRolesState {
  formError?: string;
  notice?: string;
}

export interface RoleCoverage {
  role: string;
  label: string;
  required: boolean;
  /** Active (not blocked) users of the role, and how many of them have two-factor off. */
  users: number;
  without: number;
}

/** "Require two-factor for these roles": a checkbox per role, with how many of its users have it off. */
export function RequiredRolesForm({
  roles,
  action,
}: {
  roles: RoleCoverage[];
  action: (state: RequiredRolesState, formData: FormData) => Promise<RequiredRolesState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="Require two-factor" className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-medium">Require two-factor for these roles</legend>
        {roles.map((r) => (
          <div key={r.role} className="flex items-start gap-3">
            {/*
              A native checkbox: React resets a form after its action, and a native input resets to its current
              defaultChecked (the saved value), where Radix's would go back to the one it was first rendered with.
            */}
            <input
              type="checkbox"
              id={`require-${r.role}`}
              name="roles"
              value={r.role}
              defaultChecked={r.required}
              className="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:accent-zinc-100"
              aria-describedby={`require-${r.role}-count`}
            />
            <div className="grid gap-1">
              <Label htmlFor={`require-${r.role}`}>{r.label}</Label>
              <p
                id={`require-${r.role}-count`}
                className={
                  r.without > 0 && r.required
                    ? "text-xs text-amber-700 dark:text-amber-300"
                    : "text-xs text-zinc-600 dark:text-zinc-400"
                }
                data-testid={`coverage-${r.role}`}
              >
                {r.users === 0
                  ? "No active users."
                  : `${r.without} of ${r.users} without two-factor${r.without > 0 && r.required ? ": they must set it up at their next visit" : ""}.`}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <FormAlert message={state.formError} />
      {state.notice ? (
        <Alert variant="success">
          <AlertDescription>{state.notice}</AlertDescription>
        </Alert>
      ) : null}
      <Button type="submit" loading={pending}>
        Save
      </Button>
    </form>
  );
}
