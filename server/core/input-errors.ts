/**
 * A resource's input errors, worded for its forms. tRPC parses a procedure's input before the procedure runs, and
 * the app-wide error formatter knows neither the resource nor the procedure's input layout; this middleware, placed
 * before `.input()`, knows both. A zod refusal becomes field errors keyed as the form's fields are (update drops its
 * `data` envelope; anywhere else `data` is a field name) and a summary that names fields by the definition's
 * labels: "Budget must be at least 0", never "amount: …".
 */
import { TRPCError } from "@trpc/server";
import { getTableColumns } from "drizzle-orm";
import { ZodError } from "zod";
import { FieldError, type FieldLabels, summarizeFieldErrors, zodFieldErrors } from "./errors";
import { fieldLabel } from "./fields";
import type { AnyResource } from "./resource";

/** Every field's label, by key, as `meta` shows them. */
export function fieldLabels(resource: AnyResource): FieldLabels {
  const fields = (resource.fields ?? {}) as Record<string, { label?: string } | undefined>;
  const keys = new Set([...Object.keys(getTableColumns(resource.table)), ...Object.keys(fields)]);
  return Object.fromEntries([...keys].map((key) => [key, fieldLabel(key, fields[key])]));
}

type Result = { ok: true } | { ok: false; error: TRPCError };

/** Rethrows an input refusal as field errors in this resource's words; passes anything else through. */
export function wordInputError<R extends Result>(result: R, labels: FieldLabels, envelope: boolean): R {
  if (result.ok || result.error.code !== "BAD_REQUEST" || !(result.error.cause instanceof ZodError)) return result;
  const fieldErrors = zodFieldErrors(result.error.cause, { envelope, labels });
  const message = summarizeFieldErrors(fieldErrors, labels);
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, fieldErrors) });
}
