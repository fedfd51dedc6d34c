"use client";
/**
 * One action's button, as `meta` describes the action: with input, it opens a dialog with the generated form (and
 * the confirmation, when the action asks for one, above its button); without input but with a confirmation, an "are
 * you sure?" dialog; with neither, it runs at once. The outcome is a toast; a refusal says why.
 */
import { TRPCClientError } from "@trpc/client";
import { type ReactNode, useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import {
  ConfirmDialog,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import type { ActionDescriptor } from "@/server/core/actions/describe";
import { ActionForm } from "./action-form";
import { type ActionSubject, useActionRunner } from "./use-action-runner";

export interface ActionButtonProps {
  resource: string;
  action: ActionDescriptor;
  subject: ActionSubject;
  /** What the action runs on, in words: "“Hello world”", "3 posts". */
  target: string;
  /** The button's own text; default: the action's label. */
  children?: ReactNode;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  disabled?: boolean;
  /** After a successful run (e.g. clear the selection). */
  onDone?: () => void;
}

/** Why a run failed, in words. A batch is one transaction: say that nothing of it happened. */
function failure(error: unknown, action: ActionDescriptor, subject: ActionSubject) {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  const reason =
    code === "NOT_FOUND"
      ? "It is no longer there, or not visible to you."
      : code === "FORBIDDEN" || code === "UNAUTHORIZED"
        ? "You may not do this here."
        : "";
  const raw = error instanceof Error ? error.message : "Something went wrong";
  const message = /[.!?]$/.test(raw) ? raw : `${raw}.`;
  const batch = subject.kind === "selection" ? "A selection succeeds or fails as a whole: none of it changed." : "";
  return { title: `${action.label}: not done`, description: [reason, message, batch].filter(Boolean).join(" ") };
}

function hasFieldErrors(error: unknown): boolean {
  const fieldErrors = error instanceof TRPCClientError ? (error.data as { fieldErrors?: unknown })?.fieldErrors : null;
  return !!fieldErrors && typeof fieldErrors === "object" && Object.keys(fieldErrors).length > 0;
}

export function ActionButton({
  resource,
  action,
  subject,
  target,
  children,
  variant = "outline",
  size,
  disabled,
  onDone,
}: ActionButtonProps) {
  const runner = useActionRunner(resource, action, subject);
  const [open, setOpen] = useState(false);
  const label = children ?? action.label;
  const confirm = action.confirm;
  const title = confirm?.title ?? `${action.label} ${target}?`;

  async function run(input: Record<string, unknown>) {
    await runner.run(input);
    toast.success(action.successMessage, { description: subject.kind === "selection" ? target : undefined });
    onDone?.();
  }

  /** Without a dialog to show it in, a failure is a toast. */
  async function runNow() {
    try {
      await run({});
    } catch (error) {
      const { title: failed, description } = failure(error, action, subject);
      toast.error(failed, { description });
    }
  }

  const button = (
    <Button
      variant={variant}
      size={size}
      disabled={disabled}
      loading={runner.pending && !open}
      onClick={action.fields.length === 0 && !confirm ? runNow : undefined}
    >
      {label}
    </Button>
  );

  if (action.fields.length > 0) {
    return (
      <Dialog open={open} onOpenChange={(next) => !runner.pending && setOpen(next)}>
        <DialogTrigger asChild>
          <Button variant={variant} size={size} disabled={disabled}>
            {label}
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{confirm?.title ?? `${action.label} ${target}`}</DialogTitle>
            {action.help ? <DialogDescription>{action.help}</DialogDescription> : null}
          </DialogHeader>
          <ActionForm
            action={action}
            submitLabel={confirm?.confirmLabel ?? action.label}
            onCancel={() => setOpen(false)}
            onSubmit={async (input) => {
              try {
                await run(input);
              } catch (error) {
                // Field errors go to their fields; anything else is said in the dialog, in these words.
                if (hasFieldErrors(error)) throw error;
                throw new Error(failure(error, action, subject).description);
              }
              setOpen(false);
            }}
          />
        </DialogContent>
      </Dialog>
    );
  }
  if (confirm) {
    return (
      <ConfirmDialog
        title={title}
        description={action.help ? `${action.help} ${confirm.description}` : confirm.description}
        confirmLabel={confirm.confirmLabel ?? action.label}
        destructive={confirm.destructive}
        onConfirm={async () => {
          try {
            await run({});
          } catch (error) {
            throw new Error(failure(error, action, subject).description);
          }
        }}
        trigger={button}
      />
    );
  }
  return button;
}
