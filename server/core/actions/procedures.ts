/**
 * The tRPC procedures of a resource's actions, beside its CRUD (router.ts): `posts.publish({ id, input })`,
 * `posts.publishMany({ ids, input })` for a bulk one, `posts.rebuild({ input })` for a resource-wide one. Their
 * types are inferred from the definition: the input from the action's zod object, the output from what `run` returns.
 */
import { TRPCError, type TRPCMutationProcedure } from "@trpc/server";
import { ZodError, z } from "zod";
import { type Context, publicProcedure } from "../../trpc";
import { FieldError, type FieldLabels, summarizeFieldErrors, zodFieldErrors } from "../errors";
import type { Registry } from "../expand";
import type { AnyResource, ReadRecord } from "../resource";
import { valueSchema } from "../values";
import type { ActionDefinition, ActionInput, ActionMap, ActionTarget, AnyAction, InputArgument } from "./define";
import { describeActionInput } from "./input-fields";
import { type ActionCall, runRecordAction, runResourceAction } from "./run";

type Id<Res extends AnyResource> = ReadRecord<Res> extends { id: infer I } ? I : string;
type ActionsOf<Res extends AnyResource> = Res["actionDefinitions"] extends ActionMap ? Res["actionDefinitions"] : never;
type InputOf<D> = D extends ActionDefinition<ActionTarget, infer I, unknown, boolean> ? I : never;
type OutputOf<D> = D extends ActionDefinition<ActionTarget, ActionInput, infer O, boolean> ? O : never;

/** The action's input under `input`: optional when the action's object takes `{}` (no required field). */
type Envelope<I extends ActionInput> =
  Record<never, never> extends InputArgument<I> ? { input?: InputArgument<I> } : { input: InputArgument<I> };

/** One object type, not an intersection: what an editor shows on hover, and what type tests compare. */
type Flat<T> = { [K in keyof T]: T[K] } & {};
type RecordCall<Res extends AnyResource, D> = Flat<{ id: Id<Res> } & Envelope<InputOf<D>>>;
type BatchCall<Res extends AnyResource, D> = Flat<{ ids: Id<Res>[] } & Envelope<InputOf<D>>>;

/** What tRPC's builder gives a mutation of this app (meta `object`, as `initTRPC` leaves it). */
type Mutation<In, Out> = TRPCMutationProcedure<{ input: In; output: Out; meta: object }>;

export type ActionProcedures<Res extends AnyResource> = {
  [K in keyof ActionsOf<Res> & string]: ActionsOf<Res>[K] extends { target: "record" }
    ? Mutation<RecordCall<Res, ActionsOf<Res>[K]>, OutputOf<ActionsOf<Res>[K]>>
    : Mutation<Envelope<InputOf<ActionsOf<Res>[K]>> | undefined, OutputOf<ActionsOf<Res>[K]>>;
} & {
  [K in keyof ActionsOf<Res> & string as ActionsOf<Res>[K] extends { bulk: true } ? `${K}Many` : never]: Mutation<
    BatchCall<Res, ActionsOf<Res>[K]>,
    OutputOf<ActionsOf<Res>[K]>[]
  >;
};

/** The value at `path` of what the caller sent. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (!value || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Input refusals in the action's words: the form's fields are the input's keys (`reason`, not `input.reason`), named
 * by their labels ("Reason must be at least 5 characters"), and a field left out "is required" whatever its type
 * (zod says "Invalid option" for a missing enum); `id` and `ids` keep their own keys.
 */
function wordActionInputError<R extends { ok: true } | { ok: false; error: TRPCError }>(
  result: R,
  raw: unknown,
  labels: FieldLabels,
): R {
  if (result.ok || result.error.code !== "BAD_REQUEST" || !(result.error.cause instanceof ZodError)) return result;
  const issues = result.error.cause.issues.map((issue) => {
    const path = issue.path[0] === "input" ? issue.path.slice(1) : issue.path;
    const key = path.length === 1 ? String(path[0]) : undefined;
    const missing =
      key !== undefined &&
      issue.path[0] === "input" &&
      (issue.code === "invalid_value" || issue.code === "invalid_type") &&
      valueAt(raw, issue.path) === undefined;
    const label = key !== undefined && Object.hasOwn(labels, key) ? labels[key] : key;
    return missing ? { ...issue, path, message: `${label} is required` } : { ...issue, path };
  });
  const fieldErrors = zodFieldErrors(new ZodError(issues), { labels });
  const message = summarizeFieldErrors(fieldErrors, labels);
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(message, fieldErrors) });
}

/** The action's own object, refusing keys it does not name (as create and update do) unless it says otherwise. */
function strictInput(input: ActionInput): z.ZodType {
  const catchall = (input as { _zod: { def: { catchall?: unknown } } })._zod.def.catchall;
  return (catchall === undefined ? input.strict() : input).prefault({});
}

const uniqueIds = (ids: unknown[]) => new Set(ids.map(String)).size === ids.length;

export function actionProcedures<Res extends AnyResource>(resource: Res, registry: Registry): ActionProcedures<Res> {
  const id = valueSchema(resource.info.columns[resource.info.idKey] as never, "id");
  const call = (ctx: Context): ActionCall => ({ db: ctx.db, actor: ctx.actor, requestId: ctx.requestId, registry });
  const procedures: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(resource.actionDefinitions as Record<string, AnyAction>)) {
    const labels = Object.fromEntries(describeActionInput(action.input, registry).map((f) => [f.name, f.label]));
    const procedure = publicProcedure.use(async ({ next, getRawInput }) => {
      const result = await next();
      return wordActionInputError(result, result.ok ? undefined : await getRawInput().catch(() => undefined), labels);
    });
    const input = strictInput(action.input);
    if (action.target === "resource") {
      procedures[name] = procedure
        .input(z.strictObject({ input }).prefault({ input: undefined }))
        .mutation(({ ctx, input: given }) => runResourceAction(call(ctx), resource, name, given.input));
      continue;
    }
    procedures[name] = procedure
      .input(z.strictObject({ id, input }))
      .mutation(
        async ({ ctx, input: given }) => (await runRecordAction(call(ctx), resource, name, [given.id], given.input))[0],
      );
    if (action.bulk) {
      const ids = z
        .array(id)
        .min(1)
        .max(resource.info.maxBatch, `At most ${resource.info.maxBatch} records at once`)
        .refine(uniqueIds, "Each record may be named once");
      procedures[`${name}Many`] = procedure
        .input(z.strictObject({ ids, input }))
        .mutation(({ ctx, input: given }) => runRecordAction(call(ctx), resource, name, given.ids, given.input));
    }
  }
  // The one cast: the procedures are built in a loop; their types come from the definition (ActionProcedures).
  return procedures as ActionProcedures<Res>;
}
