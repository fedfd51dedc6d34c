"use client";
/**
 * The admin's edit page for any record: the generated form, its custom actions, its bin state with delete, restore
 * and purge as the rules allow, the record's history, and for users their API tokens. Built only from the
 * resource's `meta`.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useResourceApi } from "@/components/form/resource-api";
import { ResourceForm } from "@/components/form/resource-form";
import type { PendingSave, ResourceName, SaveConfirmation } from "@/components/form/types";
import { useLiveRecord } from "@/components/live/use-live";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toaster";
import { RecordActions } from "./actions/record-actions";
import { RecordHistory } from "./record-history";
import { selfAccessWarning } from "./self-access-warning";
import { UserPassword } from "./user-password";
import { UserTokens } from "./user-tokens";

export function RecordEditor({
  resource,
  id,
  isAdmin,
  currentUserId,
}: {
  resource: ResourceName;
  id: string;
  isAdmin: boolean;
  /** The signed-in user: editing their own account asks before a change that takes away their access. */
  currentUserId?: string;
}) {
  const api = useResourceApi(resource);
  const router = useRouter();
  const queryClient = useQueryClient();
  const meta = useQuery(api.meta.queryOptions());
  const withDeleted = meta.data?.can.readDeleted ?? false;
  const record = useQuery({ ...api.get.queryOptions({ id, withDeleted }), enabled: meta.isSuccess });
  // One stream keeps this page's reads of the record live (the bin state here, the form's fields below).
  const live = useLiveRecord(resource, meta.isSuccess ? { id, withDeleted } : undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: api.pathKey() });

  const remove = useMutation(api.delete.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(api.restore.mutationOptions({ onSuccess: refresh }));
  const purge = useMutation(api.purge.mutationOptions());
  // Your own account: changing your role or blocking yourself asks first.
  const confirmSave =
    resource === "users" && id === currentUserId
      ? (selfAccessWarning as (save: PendingSave<ResourceName>) => SaveConfirmation | null)
      : undefined;

  if (meta.isPending || record.isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-64 w-full max-w-3xl" />
      </div>
    );
  }
  if (meta.isError || record.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>This record does not exist, or you may not see it</AlertTitle>
        <AlertDescription>
          <Link href={`/admin/${resource}`} className="underline">
            Back to the list
          </Link>
        </AlertDescription>
      </Alert>
    );
  }
  const descriptor = meta.data;
  const row = record.data;
  const title = String(row[descriptor.titleField] ?? id);
  const softDeleteField = descriptor.fields.find((f) => f.name === "deletedAt");
  const deleted = descriptor.softDelete && softDeleteField ? row.deletedAt != null : false;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold tracking-tight break-all">{title}</h1>
        {deleted ? <Badge variant="destructive">In the bin</Badge> : null}
        <div className="ml-auto flex flex-wrap gap-2">
          {/* The resource's custom actions that apply to this record now (docs/actions.md). */}
          {!deleted ? <RecordActions meta={descriptor} id={id} title={title} record={row} /> : null}
          {!deleted && descriptor.can.delete ? (
            <ConfirmDialog
              title={`Delete “${title}”?`}
              description={
                descriptor.softDelete ? "It moves to the bin; editors can restore it." : "This cannot be undone."
              }
              confirmLabel="Delete"
              destructive
              onConfirm={async () => {
                await remove.mutateAsync({ id });
                toast.success(descriptor.softDelete ? "Moved to the bin" : "Deleted");
                if (!descriptor.softDelete) router.push(`/admin/${resource}`);
              }}
              trigger={<Button variant="destructive">Delete</Button>}
            />
          ) : null}
          {deleted && descriptor.can.restore ? (
            <Button
              variant="outline"
              loading={restore.isPending}
              onClick={async () => {
                await restore.mutateAsync({ id });
                toast.success("Restored");
              }}
            >
              Restore
            </Button>
          ) : null}
          {deleted && descriptor.can.purge ? (
            <ConfirmDialog
              title={`Delete “${title}” for good?`}
              description="It is removed from the database. The audit trail keeps its last values."
              confirmLabel="Delete for good"
              destructive
              onConfirm={async () => {
                await purge.mutateAsync({ id });
                toast.success("Deleted for good");
                router.push(`/admin/${resource}`);
              }}
              trigger={<Button variant="outline">Delete for good</Button>}
            />
          ) : null}
        </div>
      </div>
      <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-8">
          {deleted ? (
            <Alert variant="warning">
              <AlertTitle>This record is in the bin</AlertTitle>
              <AlertDescription>Restore it to edit it.</AlertDescription>
            </Alert>
          ) : (
            <ResourceForm
              resource={resource}
              id={id}
              live={false}
              removed={live.removed}
              confirmSave={confirmSave}
              // The admin sees every field, those the server sets included. A save confirms itself in the form.
              showServerSet
            />
          )}
          {resource === "users" && isAdmin && id !== currentUserId ? <UserPassword userId={id} /> : null}
          {resource === "users" && isAdmin ? <UserTokens userId={id} /> : null}
        </div>
        <RecordHistory
          resource={resource}
          id={id}
          canRevert={descriptor.can.revert && !deleted}
          withDeleted={withDeleted}
        />
      </div>
    </div>
  );
}
