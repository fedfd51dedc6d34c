"use client";
/**
 * Forms the way shadcn/ui users know them: react-hook-form underneath, and `Form` (its provider), `FormField` (its
 * Controller), `FormItem`, `FormLabel`, `FormControl`, `FormDescription` and `FormMessage` wiring one field's label,
 * control, help and error together. Ids and looks match `form-field.tsx` (`<id>-help`, `<id>-error`), so a hand-made
 * field sits beside generated ones (a `ResourceForm` `render` override) and reads the same to a screen reader:
 *
 *   <FormField control={form.control} name="title" render={({ field }) => (
 *     <FormItem>
 *       <FormLabel required>Title</FormLabel>
 *       <FormControl><Input {...field} /></FormControl>
 *       <FormDescription>Five to two hundred characters.</FormDescription>
 *       <FormMessage />
 *     </FormItem>
 *   )} />
 */
import { Slot } from "radix-ui";
import * as React from "react";
import {
  Controller,
  type ControllerProps,
  type FieldPath,
  type FieldValues,
  FormProvider,
  useFormContext,
  useFormState,
} from "react-hook-form";
import { cn } from "./cn";
import { Label } from "./label";

export const Form = FormProvider;

const FieldNameContext = React.createContext<string | null>(null);

/** react-hook-form's Controller, telling the FormItem inside it which field it is. */
export function FormField<
  TValues extends FieldValues = FieldValues,
  TName extends FieldPath<TValues> = FieldPath<TValues>,
  TTransformed = TValues,
>(props: ControllerProps<TValues, TName, TTransformed>) {
  return (
    <FieldNameContext.Provider value={props.name}>
      <Controller {...props} />
    </FieldNameContext.Provider>
  );
}

const ItemContext = React.createContext<{ id: string; hasHelp: boolean; setHasHelp: (has: boolean) => void } | null>(
  null,
);

/** The field's state and the ids its parts share; for FormLabel, FormControl, FormDescription, FormMessage. */
export function useFormField() {
  const name = React.useContext(FieldNameContext);
  const item = React.useContext(ItemContext);
  if (!name || !item) throw new Error("useFormField belongs inside <FormField><FormItem>…</FormItem></FormField>");
  const { getFieldState } = useFormContext();
  const state = getFieldState(name, useFormState({ name }));
  return {
    name,
    id: item.id,
    helpId: item.hasHelp ? `${item.id}-help` : undefined,
    errorId: state.error ? `${item.id}-error` : undefined,
    ...state,
  };
}

/** One field's label, control, help and error, stacked. `id` is the control's (generated when omitted). */
export function FormItem({ id, className, ...props }: React.ComponentProps<"div">) {
  const generated = React.useId();
  const [hasHelp, setHasHelp] = React.useState(false);
  const value = React.useMemo(() => ({ id: id ?? generated, hasHelp, setHasHelp }), [id, generated, hasHelp]);
  return (
    <ItemContext.Provider value={value}>
      <div data-slot="form-item" className={cn("grid content-start gap-1.5", className)} {...props} />
    </ItemContext.Provider>
  );
}

/** The label, pointing at the control; `required` adds the mark, read out as "(required)". */
export function FormLabel({
  required = false,
  children,
  ...props
}: React.ComponentProps<typeof Label> & { required?: boolean }) {
  const { id, error } = useFormField();
  return (
    <Label id={`${id}-label`} htmlFor={id} data-invalid={error ? true : undefined} {...props}>
      {children}
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
}

/** Puts the id, aria-describedby (error, then help) and aria-invalid on its one child, the control. */
export function FormControl(props: React.ComponentProps<typeof Slot.Root>) {
  const { id, helpId, errorId, error } = useFormField();
  const describedBy = [errorId, helpId].filter(Boolean).join(" ") || undefined;
  return (
    <Slot.Root
      data-slot="form-control"
      id={id}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      {...props}
    />
  );
}

/** Help under the control; the control is described by it. */
export function FormDescription({ className, ...props }: React.ComponentProps<"p">) {
  const item = React.useContext(ItemContext);
  const { id } = useFormField();
  React.useEffect(() => {
    item?.setHasHelp(true);
    return () => item?.setHasHelp(false);
  }, [item?.setHasHelp]);
  return (
    <p
      id={`${id}-help`}
      data-slot="form-help"
      className={cn("text-xs text-zinc-500 dark:text-zinc-400", className)}
      {...props}
    />
  );
}

/** The field's error (or `children` when there is none to show); nothing when the field is fine. */
export function FormMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  const { id, error } = useFormField();
  const body = error?.message ? error.message : children;
  if (!body) return null;
  return (
    <p
      id={`${id}-error`}
      data-slot="form-error"
      className={cn("text-sm text-red-600 dark:text-red-400", className)}
      {...props}
    >
      {body}
    </p>
  );
}
