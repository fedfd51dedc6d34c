"use client";
/**
 * The two-factor section of /account/security, through its states: off ("Set up") -> the open setup (QR code,
 * manual key, first code) -> the recovery codes, shown once -> on (codes left, new codes, turn off; both ask for a
 * code). The page renders the current state on the server; each action renders it again, while the codes an action
 * returned stay on screen here until dismissed.
 */
import { useActionState, useState } from "react";
import { FormAlert } from "@/components/auth/form-alert";
import { DateTime } from "@/components/format/date-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeForm } from "./code-form";
import { Enrolment, type EnrolmentView } from "./enrolment";
import type { TwoFactorFormState } from "./form-state";
import { RecoveryCodes } from "./recovery-codes";

type Action = (state: TwoFactorFormState, formData: FormData) => Promise<TwoFactorFormState>;

export interface TwoFactorPanelProps {
  status: { enabled: boolean; pending: boolean; enabledAt: string | null; recoveryCodesLeft: number };
  /** The open setup, when `status.pending`. */
  enrolment: EnrolmentView | null;
  /** The user's role must use two-factor (an admin's setting). */
  required: boolean;
  totalRecoveryCodes: number;
  actions: { start: Action; cancel: Action; confirm: Action; regenerate: Action; disable: Action };
}

export function TwoFactorPanel({ status, enrolment, required, totalRecoveryCodes, actions }: TwoFactorPanelProps) {
  const [startState, start, starting] = useActionState(actions.start, {});
  const [cancelState, cancel, cancelling] = useActionState(actions.cancel, {});
  const [confirmState, confirm, confirming] = useActionState(actions.confirm, {});
  const [regenerateState, regenerate, regenerating] = useActionState(actions.regenerate, {});
  const [disableState, disable, disabling] = useActionState(actions.disable, {});
  const [dismissed, setDismissed] = useState<number[]>([]);

  // The newest set of codes an action returned, until the user says they saved it.
  const fresh = [confirmState, regenerateState]
    .filter((s) => s.recoveryCodes && s.issued && !dismissed.includes(s.issued))
    .sort((a, b) => (b.issued ?? 0) - (a.issued ?? 0))[0];
  if (fresh?.recoveryCodes) {
    return (
      <div className="space-y-4">
        {fresh === confirmState ? (
          <Alert variant="success">
            <AlertTitle>Two-factor authentication is on</AlertTitle>
            <AlertDescription>
              From your next sign-in, we ask for a code from your app after your password.
            </AlertDescription>
          </Alert>
        ) : null}
        <RecoveryCodes codes={fresh.recoveryCodes} onDone={() => setDismissed((d) => [...d, fresh.issued ?? 0])} />
      </div>
    );
  }

  if (status.enabled) {
    const low = status.recoveryCodesLeft <= 3;
    return (
      <div className="space-y-6">
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="two-factor-status">
          <Badge variant="success">On</Badge>
          {status.enabledAt ? (
            <span className="text-zinc-600 dark:text-zinc-400">
              since <DateTime value={status.enabledAt} />
            </span>
          ) : null}
        </p>
        <div className="space-y-3">
          <h3 className="font-medium">Recovery codes</h3>
          <p
            className={low ? "text-sm text-amber-700 dark:text-amber-300" : "text-sm text-zinc-600 dark:text-zinc-400"}
          >
            {status.recoveryCodesLeft} of {totalRecoveryCodes} recovery codes left.
            {low ? " Make new ones before you run out." : ""}
          </p>
          <CodeForm
            label={{ form: "Make new recovery codes", field: "Code from your app" }}
            name="regenerateCode"
            hint="The codes you have now stop working."
            submitLabel="Make new recovery codes"
            pendingLabel="Making codes…"
            variant="outline"
            action={regenerate}
            state={regenerateState}
            pending={regenerating}
          />
        </div>
        <div className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h3 className="font-medium">Turn off two-factor</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {required
              ? "Your role requires two-factor: once it is off, you must set it up again before you can use the app."
              : "Your account is then protected by your password alone."}
          </p>
          <CodeForm
            label={{ form: "Turn off two-factor", field: "Code from your app, or a recovery code" }}
            name="disableCode"
            submitLabel="Turn off two-factor"
            pendingLabel="Turning off…"
            variant="destructive"
            acceptsRecoveryCode
            action={disable}
            state={disableState}
            pending={disabling}
          />
        </div>
      </div>
    );
  }

  if (status.pending && enrolment) {
    return (
      <div className="space-y-4">
        {required ? <RequiredNotice /> : null}
        <Enrolment
          enrolment={enrolment}
          confirm={{ action: confirm, state: confirmState, pending: confirming }}
          cancel={{ action: cancel, pending: cancelling }}
        />
        <FormAlert message={cancelState.formError} />
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {disableState.notice ? (
        <Alert variant="info">
          <AlertDescription>{disableState.notice}</AlertDescription>
        </Alert>
      ) : null}
      {required ? <RequiredNotice /> : null}
      <p className="flex items-center gap-2 text-sm" data-testid="two-factor-status">
        <Badge variant="outline">Off</Badge>
        <span className="text-zinc-600 dark:text-zinc-400">Sign-in asks only for your password.</span>
      </p>
      <p className="text-sm">
        With two-factor authentication, signing in also asks for a 6-digit code from an app on your phone, so a stolen
        password alone does not open your account.
      </p>
      <form action={start} className="space-y-3">
        <FormAlert message={startState.formError} />
        <Button type="submit" loading={starting}>
          Set up two-factor
        </Button>
      </form>
    </div>
  );
}

function RequiredNotice() {
  return (
    <Alert variant="warning">
      <AlertTitle>Two-factor is required for your role</AlertTitle>
      <AlertDescription>Set it up to continue using the app.</AlertDescription>
    </Alert>
  );
}
