/**
 * The public types of the generated forms, inferred from the app router: a resource name picks its create/update
 * inputs and outputs, so `fields`, `order` and `defaults` only accept that resource's field names.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import type { ControllerFieldState, ControllerRenderProps } from "react-hook-form";
import type { Widget } from "@/server/core/fields";
import type { resources } from "@/server/resources";
import type { AppRouter } from "@/server/router";
import type { FormFieldSpec, FormMode } from "./form-fields";
import type { Drafts } from "./form-values";

export type { Widget };

/** A registered resource ("posts", "tags", ...). */
export type ResourceName = keyof typeof resources & string;

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** What `create` accepts for this resource (writable many-to-many relations included, as id lists). */
export type CreateValues<R extends ResourceName> = Inputs[R]["create"];
/** What `update` accepts as `data`. */
export type UpdateValues<R extends ResourceName> = Inputs[R]["update"]["data"];
/** A record as `get` returns it. */
export type ResourceRecordOf<R extends ResourceName> = Outputs[R]["get"];
/** What a successful save hands to `onSuccess`: the record as the server stored it. */
export type SavedRecord<R extends ResourceName> = Outputs[R]["create" | "update"];

/** Every field a form of R may show: readable columns and the writable many-to-many relations. */
export type FieldName<R extends ResourceName> = Exclude<
  keyof ResourceRecordOf<R> | keyof CreateValues<R> | keyof UpdateValues<R>,
  "expand"
> &
  string;

/** Per-field adjustments that leave the rest of the generated form alone. */
export interface FieldOverride {
  /** Another widget than the descriptor's (e.g. "textarea" for a long text column). */
  widget?: Widget;
  label?: string;
  help?: string;
  /** Not rendered; a value from `defaults` is still sent on create. */
  hidden?: boolean;
  /** Position among fields without an explicit place in `order` (lower comes first). */
  order?: number;
  /** Shown but not editable, even when the caller could write it. */
  readOnly?: boolean;
  /** What the empty input says (e.g. for a field the server fills in: "You"). */
  placeholder?: string;
  /**
   * Your own control for this field, inside the generated form's react-hook-form: `field` and `fieldState` as
   * `<FormField render>` gives them (the value as a widget edits it: text for numbers and dates, `{ id, label }` for a
   * picked record), the field's spec and its control id. Compose it from `@/components/ui/form` (FormItem,
   * FormLabel, FormControl, FormMessage). A function: only a client component can pass it.
   */
  render?: (props: CustomFieldProps) => ReactNode;
}

/** What a `render` override receives. */
export interface CustomFieldProps {
  field: ControllerRenderProps<Drafts, string>;
  fieldState: ControllerFieldState;
  spec: FormFieldSpec;
  mode: FormMode;
  /** The id the control should carry (the form focuses it on an error). */
  id: string;
}

export type FieldOverrides<R extends ResourceName> = { [K in FieldName<R>]?: FieldOverride };

/** What a form asks before it saves: a consequence the person should agree to first (see `confirmSave`). */
export interface SaveConfirmation {
  title: string;
  description: string;
  /** Default: "Save anyway". */
  confirmLabel?: string;
  /** Red confirm button, for changes that are hard to undo. */
  destructive?: boolean;
}

/** The save a form is about to send: only the changed fields on update. */
export interface PendingSave<R extends ResourceName> {
  mode: "create" | "update";
  values: Partial<UpdateValues<R>>;
  /** The record as loaded (update only). */
  record?: ResourceRecordOf<R>;
}

export interface ResourceFormProps<R extends ResourceName> {
  resource: R;
  /** Edit this record; without it the form creates one. */
  id?: string;
  /** Initial values on create (e.g. `{ postId }` for a comment form). Ignored in edit mode. */
  defaults?: Partial<CreateValues<R>>;
  fields?: FieldOverrides<R>;
  /** These fields first, in this order; the rest follow by `fields[name].order`, then the descriptor's order. */
  order?: FieldName<R>[];
  onSuccess?: (record: SavedRecord<R>) => void;
  /**
   * Where to go after a successful save, with `{field}` filled in from the saved record: `"/posts/{slug}"`,
   * `"/admin/tags/{id}"`. Plain text, so a server component can pass it (unlike `onSuccess`).
   */
  redirectTo?: RecordHref;
  /** Shows a Cancel button that calls this. */
  onCancel?: () => void;
  /** Shows a Cancel link to this address (the serialisable `onCancel`). */
  cancelHref?: string;
  /** Default: "Create <label>" or "Save changes". */
  submitLabel?: string;
  /** Empty the form again after a successful create (a comment box). */
  resetOnSuccess?: boolean;
  /**
   * Fields the server fills in itself (an author set to the caller) are left out of the form unless named here, or
   * `true` for all of them (the admin does). `fields={{ authorId: { hidden: false } }}` shows one too.
   */
  showServerSet?: boolean | FieldName<R>[];
  /**
   * Asked once the form is valid, before it saves: return a confirmation to show (the save waits for the person's
   * answer, and Cancel keeps their edits), or null to save at once. E.g. the admin warns before you demote yourself.
   */
  confirmSave?: (save: PendingSave<R>) => SaveConfirmation | null;
  /**
   * Edit mode: keep the record live (default true). Pass false when the page already does (`useLiveRecord` on the
   * same id keeps every cached read of it current) and hand the removal on with `removed`.
   */
  live?: boolean;
  /** With `live={false}`: the page's `useLiveRecord(...).removed`. */
  removed?: boolean;
  className?: string;
  /** The form's accessible name. Default: "New <label>" or "Edit <label>". */
  "aria-label"?: string;
}

/**
 * An address with `{field}` placeholders filled in from a saved record (`"/posts/{slug}"`), URL-encoded. A name that is
 * not a field of the record throws (see record-href.ts), so a typo never sends anyone to "/posts/undefined".
 */
export type RecordHref = string;
