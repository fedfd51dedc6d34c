/**
 * The pieces of the OpenAPI document's operations (openapi-paths.ts): responses with tRPC's statuses for the error
 * codes, request bodies, query parameters.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { JsonSchema } from "./openapi-values";

export type Operation = JsonSchema;
export type PathItem = Record<string, unknown>;

export const json = (schema: JsonSchema) => ({ "application/json": { schema } });

/** The errors every path may answer, by their name in `components.responses`: tRPC's code and what it means here. */
export const ERROR_RESPONSES = {
  BadRequest: { code: "BAD_REQUEST", description: "The input is invalid; `fieldErrors` names the fields." },
  Unauthorized: { code: "UNAUTHORIZED", description: "Sign in, or send a valid API token." },
  Forbidden: { code: "FORBIDDEN", description: "A rule refused this caller; the message names it." },
  NotFound: { code: "NOT_FOUND", description: "No such record, or none this caller may see." },
  Conflict: { code: "CONFLICT", description: "A unique value is taken, or another change got there first." },
  PayloadTooLarge: { code: "PAYLOAD_TOO_LARGE", description: "The request body is too large." },
  TooManyRequests: { code: "TOO_MANY_REQUESTS", description: "Too many requests; see Retry-After." },
  ServiceUnavailable: { code: "SERVICE_UNAVAILABLE", description: "The database cannot answer; see Retry-After." },
} as const satisfies Record<string, { code: TRPC_ERROR_CODE_KEY; description: string }>;
export type ErrorName = keyof typeof ERROR_RESPONSES;

/** The HTTP status tRPC answers an error code with, so REST and tRPC agree on every refusal. */
export function statusOf(code: TRPC_ERROR_CODE_KEY): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code }));
}

/** Every call may be refused for its input, its caller, the rate limit, or a database that cannot answer. */
export const COMMON: ErrorName[] = ["BadRequest", "Unauthorized", "Forbidden", "TooManyRequests", "ServiceUnavailable"];
export const WRITE: ErrorName[] = [...COMMON, "Conflict", "PayloadTooLarge"];

export function responses(status: string, description: string, schema: JsonSchema, errorNames: ErrorName[]) {
  const refusals = errorNames.map((n) => [
    String(statusOf(ERROR_RESPONSES[n].code)),
    { $ref: `#/components/responses/${n}` },
  ]);
  return {
    [status]: { description, content: json(schema) },
    ...Object.fromEntries(refusals),
    default: { $ref: "#/components/responses/Error" },
  };
}

export function operation(
  id: string,
  summary: string,
  extra: { description?: string; parameters?: JsonSchema[]; requestBody?: JsonSchema },
  result: ReturnType<typeof responses>,
  tag: string,
): Operation {
  return { operationId: id, summary, tags: [tag], ...extra, responses: result };
}

export function body(schema: JsonSchema, required = true) {
  return { required, content: json(schema) };
}

/** A comma-separated list in the query string (`sort=-createdAt,title`), as `style: form, explode: false` says. */
export function listParameter(name: string, items: JsonSchema, description: string) {
  return { name, in: "query", style: "form", explode: false, description, schema: { type: "array", items } };
}

export function query(name: string, schema: JsonSchema, description?: string) {
  return { name, in: "query", ...(description ? { description } : {}), schema };
}
