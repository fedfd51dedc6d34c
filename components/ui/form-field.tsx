import * as React from "react";
import { cn } from "./cn";
import { Label } from "./label";

/** What FormField puts on its control: spread these onto an Input, Textarea, SelectTrigger, Checkbox, Combobox… */
export type FormControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/** Facts about the field for controls that need more than the spread props (e.g. a group labelled by the label). */
export type FormFieldMeta = { labelId: string; helpId?: string; errorId?: string; invalid: boolean; required: boolean };

export type FormFieldProps = {
  /** The control's id; generated when omitted. Help and error ids derive from it (`${id}-help`, `${id}-error`). */
  id?: string;
  label: React.ReactNode;
  /** Shows "*" after the label, read out as "(required)". Put `required` on the control yourself if wanted. */
  required?: boolean;
  help?: React.ReactNode;
  /** One message, or a list (zod's fieldErrors[name]); the field is invalid when there is any. */
  error?: string | readonly string[] | null;
  /** "inline" puts the control before its label on one row (Checkbox, Switch). */
  layout?: "stacked" | "inline";
  /** Keep the label for screen readers only (e.g. a table's inline filter). */
  hideLabel?: boolean;
  className?: string;
  /**
   * The control. An element gets id/aria-describedby/aria-invalid merged in (its own aria-describedby is kept);
   * a function receives them to place wherever it needs, plus the meta.
   */
  children:
    | React.ReactElement<Partial<Omit<FormControlProps, "aria-invalid">> & { "aria-invalid"?: unknown }>
    | ((control: FormControlProps, meta: FormFieldMeta) => React.ReactNode);
};

/** Label, control, help and error wired together so a screen reader reads the label, then the error, then the help. */
export function FormField({
  id: idProp,
  label,
  required = false,
  help,
  error,
  layout = "stacked",
  hideLabel = false,
  className,
  children,
}: FormFieldProps) {
  const generated = React.useId();
  const id = idProp ?? generated;
  const messages = error == null ? [] : typeof error === "string" ? [error] : error.filter(Boolean);
  const invalid = messages.length > 0;
  const helpId = help ? `${id}-help` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const labelId = `${id}-label`;
  const describedBy = [errorId, helpId].filter(Boolean).join(" ") || undefined;
  const control: FormControlProps = {
    id,
    "aria-describedby": describedBy,
    ...(invalid ? { "aria-invalid": true } : {}),
  };

  let rendered: React.ReactNode;
  if (typeof children === "function") {
    rendered = children(control, { labelId, helpId, errorId, invalid, required });
  } else {
    const own = children.props["aria-describedby"];
    rendered = React.cloneElement(children, {
      ...control,
      "aria-describedby": [describedBy, own].filter(Boolean).join(" ") || undefined,
    });
  }

  const labelNode = (
    <Label id={labelId} htmlFor={id} className={cn(hideLabel && "sr-only", layout === "inline" && "font-normal")}>
      {label}
      {required ? (
        <>
          <span aria-hidden="true" className="text-red-600 dark:text-red-400">
            *
          </span>
          <span className="sr-only">(required)</span>
        </>
      ) : null}
    </Label>
  );
  const messagesNode = (
    <>
      {invalid ? (
        <p id={errorId} data-slot="form-error" className="text-sm text-red-600 dark:text-red-400">
          {messages.join(" ")}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} data-slot="form-help" className="text-xs text-zinc-500 dark:text-zinc-400">
          {help}
        </p>
      ) : null}
    </>
  );

  if (layout === "inline") {
    return (
      <div
        data-slot="form-field"
        data-invalid={invalid || undefined}
        className={cn("flex items-start gap-2.5", className)}
      >
        <div className="flex h-5 items-center">{rendered}</div>
        <div className="grid gap-1 pt-0.5">
          {labelNode}
          {messagesNode}
        </div>
      </div>
    );
  }
  return (
    <div
      data-slot="form-field"
      data-invalid={invalid || undefined}
      className={cn("grid content-start gap-1.5", className)}
    >
      {labelNode}
      {rendered}
      {messagesNode}
    </div>
  );
}
