import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the descriptor (and the record) load; announced once as "Loading form…". */
export function FormSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div aria-busy="true" className="grid gap-5">
      <p role="status" className="sr-only">
        Loading form…
      </p>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered.
        <div key={index} className="grid gap-1.5">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-9 w-full" />
        </div>
      ))}
      <Skeleton className="h-9 w-32" />
    </div>
  );
}

interface LoadError {
  message: string;
  data?: { code?: string } | null;
}

/** Why the form cannot be shown: a record that is not there (or not visible), no permission, or a failed request. */
export function FormLoadError({ error }: { error: LoadError }) {
  const code = error.data?.code;
  const message =
    code === "NOT_FOUND"
      ? "This record does not exist or you may not see it."
      : code === "UNAUTHORIZED"
        ? "Sign in to use this form."
        : error.message;
  return (
    <Alert variant="destructive">
      <AlertTitle>{code === "NOT_FOUND" ? "Record not found" : "This form could not be loaded"}</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

/** The caller may not run this operation at all, so no form is shown. */
export function FormRefused({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert variant="warning" role="status">
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  );
}
