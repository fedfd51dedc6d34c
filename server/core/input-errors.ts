/**
 * A resource's input errors, worded for its forms. The app-wide error formatter knows neither the resource nor the
 * procedure's input layout; the procedure's input parser (`wordedInput`) knows both. A zod refusal becomes field
 * errors keyed as the form's fields are (update drops its `data` envelope; anywhere else `data` is a field name) and
 * a summary that names fields by the definition's labels: "Budget must be at least 0", never "amount: …".
 */
import { TRPCError } from "@trpc/server";
import { getTableColumns } from "drizzle-orm";
import { ZodError, z } from "zod";
import { FieldError, type FieldLabels, summarizeFieldErrors, zodFieldErrors } from "./errors";
import { fieldLabel } from "./fields";
import type { AnyResource } from "./resource";

/** Every field's label, by key, as `meta` shows them. */
export function fieldLabels(resource: AnyResource): FieldLabels {
  const fields = (resource.fields ?? {}) as Record<string, { label?: string } | undefined>;
  const keys = new Set([...Object.keys(getTableColumns(resource.table)), ...Object.keys(fields)]);
  return Object.fromEntries([...keys].map((key) => [key, fieldLabel(key, fields[key])]));
}

/** The refusal of an input, in the resource's words: tRPC answers it as a 400 carrying these field errors. */
function worded(error: ZodError, labels: FieldLabels, envelope: boolean): FieldError {
  const fieldErrors = zodFieldErrors(error, { envelope, labels });
  return new FieldError(summarizeFieldErrors(fieldErrors, labels), fieldErrors);
}

/**
 * What tRPC's `.input()` takes as a parser: `_input` and `_output` carry the types the client and the resolver see
 * (type-only, as zod's own do), `parse` runs.
 */
export interface InputParser<In, Out> {
  readonly _input: In;
  readonly _output: Out;
  parse(value: unknown): Out | Promise<Out>;
  /** The zod schema it parses with: what tools that read a procedure's input (the fuzz test's generators) walk. */
  readonly schema: z.ZodType;
}

/** The zod schema behind a procedure's input parser (`procedure._def.inputs[n]`): a worded parser's, or zod's own. */
export function inputSchemaOf(parser: unknown): z.ZodType | undefined {
  if (parser instanceof z.ZodType) return parser;
  const schema = typeof parser === "object" && parser !== null && "schema" in parser ? parser.schema : undefined;
  return schema instanceof z.ZodType ? schema : undefined;
}

/**
 * A procedure's input parser that refuses in the resource's words (tRPC turns what `parse` throws into a 400 with it
 * as the cause; the error formatter sends its field errors). Parsed synchronously: handed a zod schema, tRPC would
 * call `parseAsync`, and that plus a wording middleware around it cost about 13 of the 39 µs a generated call spent
 * before its resolver ran (docs/decisions/033-procedure-overhead.md). A schema with an async refinement (a
 * definition's own field schema may have one) is parsed asynchronously.
 */
export function wordedInput<In, Out = In>(
  schema: z.ZodType,
  labels: FieldLabels,
  envelope: boolean,
): InputParser<In, Out> {
  const settle = (result: ReturnType<typeof schema.safeParse>): Out => {
    if (result.success) return result.data as Out;
    throw worded(result.error, labels, envelope);
  };
  const parse = (value: unknown): Out | Promise<Out> => {
    let result: ReturnType<typeof schema.safeParse>;
    try {
      result = schema.safeParse(value);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value).then(settle);
      throw error;
    }
    return settle(result);
  };
  // The types are tRPC's to read, never values (zod's schemas declare theirs the same way).
  return { parse, schema } as unknown as InputParser<In, Out>;
}

type Result = { ok: true } | { ok: false; error: TRPCError };

/**
 * Rethrows an input refusal as field errors in this resource's words; passes anything else through. For a procedure
 * written by hand around a plain zod `.input()`, as a middleware placed before it (resource routers use `wordedInput`).
 */
export function wordInputError<R extends Result>(result: R, labels: FieldLabels, envelope: boolean): R {
  if (result.ok || result.error.code !== "BAD_REQUEST" || !(result.error.cause instanceof ZodError)) return result;
  const cause = worded(result.error.cause, labels, envelope);
  throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
}
