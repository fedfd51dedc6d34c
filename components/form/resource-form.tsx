"use client";
/**
 * The generated form of a resource: `<ResourceForm resource="posts" />` creates, with `id` it edits. Which fields
 * show, their widgets, labels, rules and whether they are editable all come from `<resource>.meta` as the signed-in
 * caller sees it; props adjust single fields without forking the form.
 */
import { skipToken, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { FileFieldContext } from "@/components/files/upload-tracker";
import { useLiveRecord } from "@/components/live/use-live";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Form, FormField } from "@/components/ui/form";
import type { ResourceDescriptor } from "@/server/core/meta";
import { afterPress } from "./after-press";
import { FieldControl } from "./field-control";
import { expandFor } from "./form-fields";
import { FormLoadError, FormRefused, FormSkeleton } from "./form-status";
import type { Drafts } from "./form-values";
import { ReadOnlyField } from "./read-only-field";
import { fillHref } from "./record-href";
import { type ResourceApi, type ResourceRecord, useResourceApi } from "./resource-api";
import type { ResourceFormProps, ResourceName, SavedRecord } from "./types";
import { type UseResourceFormOptions, useResourceForm } from "./use-resource-form";
import { useResourceMeta } from "./use-resource-meta";

export type { ResourceFormProps } from "./types";

export function ResourceForm<R extends ResourceName>(props: ResourceFormProps<R>) {
  const { resource, id } = props;
  const api = useResourceApi(resource);
  const meta = useResourceMeta(resource);
  const descriptor = meta.data;
  const getInput =
    id !== undefined && descriptor
      ? {
          id,
          expand: expandFor(descriptor),
          // Editors restoring a post from the bin edit it too; others would get NOT_FOUND for asking.
          ...(descriptor.can.readDeleted ? { withDeleted: true } : {}),
        }
      : undefined;
  const record = useQuery(api.get.queryOptions(getInput ?? skipToken));
  // The record stays live while it is edited, so a save by someone else is noticed (see useResourceForm).
  const live = useLiveRecord(resource, getInput, { enabled: props.live !== false });

  if (meta.error) return <FormLoadError error={meta.error} />;
  if (id !== undefined && record.error) return <FormLoadError error={record.error} />;
  if (!descriptor || (id !== undefined && !record.data)) return <FormSkeleton />;
  if (id === undefined && !descriptor.can.create) {
    return (
      <FormRefused title={`You cannot create ${descriptor.label.many.toLowerCase()}`}>
        Your account is not allowed to. Sign in with another account, or ask an admin.
      </FormRefused>
    );
  }
  return (
    <ResourceFormBody
      // A different record (or resource) starts a fresh form rather than mixing drafts.
      key={`${resource}:${id ?? "new"}`}
      {...props}
      api={api}
      meta={descriptor}
      record={record.data}
      removed={props.live === false ? props.removed === true : live.removed}
    />
  );
}

type BodyProps<R extends ResourceName> = ResourceFormProps<R> & {
  api: ResourceApi<SavedRecord<R>>;
  meta: ResourceDescriptor;
  record?: ResourceRecord;
  removed: boolean;
};

function ResourceFormBody<R extends ResourceName>({
  api,
  meta,
  record,
  removed,
  id,
  defaults,
  fields,
  order,
  showServerSet,
  onSuccess,
  redirectTo,
  onCancel,
  cancelHref,
  submitLabel,
  resetOnSuccess,
  confirmSave,
  className,
  "aria-label": ariaLabel,
}: BodyProps<R>) {
  const router = useRouter();
  const form = useResourceForm({
    api,
    meta,
    record,
    removed,
    id,
    defaults,
    overrides: fields,
    order,
    showServerSet,
    onSuccess: (saved) => {
      onSuccess?.(saved);
      if (redirectTo) router.push(fillHref(redirectTo, saved as Record<string, unknown>));
    },
    resetOnSuccess,
    // The hook speaks in plain records; the caller's function was typed for this resource's fields.
    confirmSave: confirmSave as UseResourceFormOptions<SavedRecord<R>>["confirmSave"],
  });
  const label = meta.label.one.toLowerCase();
  const editable = form.specs.some((spec) => spec.editable && !spec.hidden);
  const statusId = `${form.controlId("status")}`;
  // File widgets upload for this resource (and show this record's saved files), and tell the form what is running.
  const files = useMemo(
    () => ({ resource: meta.name, recordId: id, uploads: form.uploads }),
    [meta.name, id, form.uploads],
  );

  return (
    <FileFieldContext.Provider value={files}>
      <Form {...form.form}>
        <form
          noValidate
          aria-label={ariaLabel ?? (form.mode === "create" ? `New ${label}` : `Edit ${label}`)}
          aria-describedby={form.formErrors.length > 0 ? `${form.controlId("errors")}` : undefined}
          aria-busy={form.pending || form.waitingForUploads || undefined}
          onSubmit={form.submit}
          className={cn("grid gap-5", className)}
        >
          {form.mode === "update" && !meta.can.update ? (
            <FormRefused title={`You can view this ${label} but not change it`}>
              Its rules do not let you edit it.
            </FormRefused>
          ) : null}
          {form.removed ? (
            <Alert variant="destructive">
              <AlertTitle>This {label} was deleted by someone else</AlertTitle>
              <AlertDescription>It can no longer be saved. Copy anything you want to keep.</AlertDescription>
            </Alert>
          ) : form.changedByOthers.length > 0 ? (
            <Alert variant="warning" data-testid="changed-by-others">
              <AlertTitle>
                {form.ownChange
                  ? `This ${label} changed while you were editing`
                  : `Someone else changed this ${label} while you were editing`}
              </AlertTitle>
              <AlertDescription className="grid gap-2">
                <p>
                  Changed: {form.changedByOthers.map((spec) => spec.label).join(", ")}.{" "}
                  {form.ownChange
                    ? "Load the saved version to drop your unsaved edits, or keep your edits on top of it."
                    : "Load their version to drop your unsaved edits, or keep your edits on top of it (their changes to fields you did not touch come in)."}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button type="button" size="sm" variant="outline" onClick={() => form.loadTheirs()}>
                    {form.ownChange ? "Load the saved version" : "Load their version"}
                  </Button>
                  <Button type="button" size="sm" variant="outline" onClick={form.keepEdits}>
                    Keep my edits
                  </Button>
                </div>
              </AlertDescription>
            </Alert>
          ) : null}
          {form.specs.map((spec) => {
            if (spec.hidden) return null;
            if (!spec.editable) {
              return (
                <ReadOnlyField
                  key={spec.name}
                  id={form.controlId(spec.name)}
                  spec={spec}
                  value={spec.widget === "multiselect" ? undefined : record?.[spec.name]}
                  expanded={record?.expand}
                />
              );
            }
            const controlId = form.controlId(spec.name);
            const custom = fields?.[spec.name as keyof typeof fields]?.render;
            return (
              <FormField<Drafts, string, Record<string, unknown>>
                key={spec.name}
                control={form.form.control}
                name={spec.name}
                render={({ field, fieldState }) => {
                  // The draft goes into react-hook-form; a field showing an error is checked again at once.
                  const onChange = (value: unknown) => {
                    field.onChange(value);
                    form.change(spec.name);
                  };
                  // Leaving a field for a press on Submit must not move Submit before the click (see after-press.ts).
                  const onBlur = () => afterPress(field.onBlur);
                  if (custom) {
                    return (
                      <>
                        {custom({
                          field: { ...field, onChange, onBlur },
                          fieldState,
                          spec,
                          mode: form.mode,
                          id: controlId,
                        })}
                      </>
                    );
                  }
                  return (
                    <FieldControl
                      id={controlId}
                      spec={spec}
                      mode={form.mode}
                      value={field.value ?? null}
                      errors={fieldState.error?.message ? [fieldState.error.message] : undefined}
                      onChange={onChange}
                      onBlur={onBlur}
                      focusRequest={form.focusRequest.name === spec.name ? form.focusRequest.count : 0}
                    />
                  );
                }}
              />
            );
          })}

          {/* Errors no field on screen can show sit above Submit, where the person looks after pressing it. */}
          {form.formErrors.length > 0 ? (
            <Alert variant="destructive" id={form.controlId("errors")}>
              <AlertTitle>
                {form.mode === "create" ? `The ${label} was not created` : "Your changes were not saved"}
              </AlertTitle>
              <AlertDescription>
                {form.formErrors.length === 1 ? (
                  <p>{form.formErrors[0]}</p>
                ) : (
                  <ul className="list-disc pl-4">
                    {form.formErrors.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                )}
              </AlertDescription>
            </Alert>
          ) : null}

          {editable ? (
            <div className="flex flex-wrap items-center gap-3 pt-1">
              <Button type="submit" loading={form.pending || form.waitingForUploads} disabled={form.created}>
                {form.pending
                  ? "Saving…"
                  : form.waitingForUploads
                    ? "Waiting for uploads…"
                    : (submitLabel ?? (form.mode === "create" ? `Create ${label}` : "Save changes"))}
              </Button>
              {onCancel ? (
                <Button variant="outline" onClick={onCancel}>
                  Cancel
                </Button>
              ) : cancelHref ? (
                <Button variant="outline" asChild>
                  <Link href={cancelHref}>Cancel</Link>
                </Button>
              ) : null}
              <p id={statusId} role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                {form.status}
              </p>
            </div>
          ) : null}
          {form.asked ? (
            <ConfirmDialog
              open
              onOpenChange={(open) => {
                if (!open) form.dismissAsked();
              }}
              title={form.asked.title}
              description={form.asked.description}
              confirmLabel={form.asked.confirmLabel ?? "Save anyway"}
              destructive={form.asked.destructive}
              onConfirm={form.confirmAsked}
            />
          ) : null}
        </form>
      </Form>
    </FileFieldContext.Provider>
  );
}
