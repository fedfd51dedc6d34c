/**
 * The browser's tRPC links: subscriptions (live updates) over server-sent events; mutations that carry an
 * Idempotency-Key one per request, with the header; everything else over batched HTTP. A batch has one set of headers
 * for all its calls, so a keyed mutation must never ride in one (the server refuses a keyed batch of several).
 *
 * A mutation gets its key through tRPC's operation context:
 *   `client.posts.create.mutate(input, { context: { idempotencyKey } })`, or per call from React with
 *   `useMutation(keyedMutationOptions(trpc.posts.create.mutationOptions))` and `mutate({ input, key })`.
 * See docs/idempotency.md.
 */
import type { UseMutationOptions } from "@tanstack/react-query";
import {
  type HTTPHeaders,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  type Operation,
  splitLink,
  type TRPCLink,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/router";

declare module "@trpc/client" {
  interface OperationContext {
    /** Sent as the Idempotency-Key header: a retry with the same key and input gets the first answer. */
    idempotencyKey?: string;
  }
}

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

const keyOf = (op: Operation): string | undefined =>
  op.type === "mutation" && op.context.idempotencyKey ? op.context.idempotencyKey : undefined;

function idempotencyHeaders({ op }: { op: Operation }): HTTPHeaders {
  const key = keyOf(op);
  return key ? { [IDEMPOTENCY_HEADER]: key } : {};
}

export function apiLinks(options: { url: string; fetch?: typeof fetch }): TRPCLink<AppRouter>[] {
  const { url } = options;
  const http = { url, transformer: superjson, ...(options.fetch ? { fetch: options.fetch } : {}) };
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      // EventSource reconnects on its own; the link adds the last tracked event id to the input, so the server
      // replays what was missed (see components/live and README "Live updates").
      true: httpSubscriptionLink({ url, transformer: superjson }),
      false: splitLink({
        condition: (op) => keyOf(op) !== undefined,
        true: httpLink({ ...http, headers: idempotencyHeaders }),
        // Within the server's request limits (TRPC_MAX_BATCH, API_MAX_URL_BYTES): longer batches are split, not refused.
        false: httpBatchLink({ ...http, maxItems: 10, maxURLLength: 8_000 }),
      }),
    }),
  ];
}

/** A mutation's variables with the key to send them under. */
export interface Keyed<TInput> {
  input: TInput;
  key: string;
}

/**
 * Mutation options whose variables carry their own Idempotency-Key (`mutate({ input, key })`), from a tRPC
 * `mutationOptions` function: tRPC fixes the request context when the options are made, but a key belongs to one
 * submit. React Query retries, and a caller sending the same variables again, reuse the key.
 */
export function keyedMutationOptions<TInput, TOutput, TError>(
  mutationOptions: (opts: {
    trpc: { context: { idempotencyKey: string } };
  }) => UseMutationOptions<TOutput, TError, TInput>,
): UseMutationOptions<TOutput, TError, Keyed<TInput>> {
  return {
    mutationFn: (variables, context) => {
      const send = mutationOptions({ trpc: { context: { idempotencyKey: variables.key } } }).mutationFn;
      if (!send) throw new Error("tRPC mutation options without a mutationFn");
      return send(variables.input, context);
    },
  };
}
