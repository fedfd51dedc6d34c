"use client";
/**
 * The generated form of a resource: `<ResourceForm resource="posts" />` creates, with `id` it edits. Which fields
 * show, their widgets, labels, rules and whether they are editable all come from `<resource>.meta` as the signed-in
 * caller sees it; props adjust single fields without forking the form.
 */
import { skipToken, useQuery } from "@tanstack/react-query";
import { useLiveRecord } from "@/components/live/use-live";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ResourceDescriptor } from "@/server/core/meta";
import { FieldControl } from "./field-control";
import { expandFor } from "./form-fields";
import { FormLoadError, FormRefused, FormSkeleton } from "./form-status";
import { ReadOnlyField } from "./read-only-field";
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
  onSuccess,
  onCancel,
  submitLabel,
  resetOnSuccess,
  confirmSave,
  className,
}: BodyProps<R>) {
  const form = useResourceForm({
    api,
    meta,
    record,
    removed,
    id,
    defaults,
    overrides: fields,
    order,
    onSuccess,
    resetOnSuccess,
    // The hook speaks in plain records; the caller's function was typed for this resource's fields.
    confirmSave: confirmSave as UseResourceFormOptions<SavedRecord<R>>["confirmSave"],
  });
  const label = meta.label.one.toLowerCase();
  const editable = form.specs.some((spec) => spec.editable && !spec.hidden);
  const statusId = `${form.controlId("status")}`;

  return (
    <form
      noValidate
      aria-label={form.mode === "create" ? `New ${label}` : `Edit ${label}`}
      aria-describedby={form.formErrors.length > 0 ? `${form.controlId("errors")}` : undefined}
      aria-busy={form.pending || undefined}
      onSubmit={form.submit}
      className={cn("grid gap-5", className)}
    >
      {form.mode === "update" && !meta.can.update ? (
        <FormRefused title={`You can view this ${label} but not change it`}>Ask an editor or an admin.</FormRefused>
      ) : null}
      {form.removed ? (
        <Alert variant="destructive">
          <AlertTitle>This {label} was deleted by someone else</AlertTitle>
          <AlertDescription>It can no longer be saved. Copy anything you want to keep.</AlertDescription>
        </Alert>
      ) : form.changedByOthers.length > 0 ? (
        <Alert variant="warning" data-testid="changed-by-others">
          <AlertTitle>Someone else changed this {label} while you were editing</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p>
              Changed: {form.changedByOthers.map((spec) => spec.label).join(", ")}. Load their version to drop your
              unsaved edits, or keep your edits on top of it (their changes to fields you did not touch come in).
            </p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" variant="outline" onClick={() => form.loadTheirs()}>
                Load their version
              </Button>
              <Button type="button" size="sm" variant="outline" onClick={form.keepEdits}>
                Keep my edits
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
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
        return (
          <FieldControl
            key={spec.name}
            id={form.controlId(spec.name)}
            spec={spec}
            mode={form.mode}
            value={form.draftOf(spec.name)}
            errors={form.errors[spec.name]}
            onChange={(value) => form.change(spec.name, value)}
            onBlur={() => form.blur(spec.name)}
            focusRequest={form.focusRequest.name === spec.name ? form.focusRequest.count : 0}
          />
        );
      })}

      {editable ? (
        <div className="flex flex-wrap items-center gap-3 pt-1">
          <Button type="submit" loading={form.pending}>
            {form.pending ? "Saving…" : (submitLabel ?? (form.mode === "create" ? `Create ${label}` : "Save changes"))}
          </Button>
          {onCancel ? (
            <Button variant="outline" onClick={onCancel}>
              Cancel
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
  );
}
