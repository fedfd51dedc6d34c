/**
 * How long each database query of the app's pool takes, for the metrics (docs/operations-metrics.md). postgres.js has
 * no completion hook (its `debug` option sees a query leave, never return), so the client handed to Drizzle is a thin
 * proxy: `unsafe` (every Drizzle query) is timed from the call until it settles, which counts the wait for a free
 * connection too, as the app feels it; transactions and savepoints hand their queries the same proxy. Raw tagged
 * queries on the pool itself (health, LISTEN) are not counted. Cost: one extra promise reaction per query
 * (measured in docs/operations-metrics.md).
 */
import type { Sql } from "postgres";

/** One finished query: milliseconds from the call until it settled, and whether it failed. */
export type QueryObserver = (durationMs: number, failed: boolean) => void;

type Observers = Set<QueryObserver>;

// On globalThis: the pool lives there too, and the metrics route may be bundled apart from the code that queries.
const state = globalThis as unknown as { atriumQueryObservers?: Observers; atriumQueriesInFlight?: { n: number } };
state.atriumQueryObservers ??= new Set();
state.atriumQueriesInFlight ??= { n: 0 };
const observers: Observers = state.atriumQueryObservers;
const inFlight = state.atriumQueriesInFlight;

/** Subscribes to every timed query of this process; returns the unsubscribe. */
export function onQueryFinished(observer: QueryObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Queries sent (or waiting for a connection) and not yet answered, in this process. */
export function queriesInFlight(): number {
  return inFlight.n;
}

function report(start: number, failed: boolean): void {
  inFlight.n--;
  const ms = performance.now() - start;
  for (const observer of observers) {
    try {
      observer(ms, failed);
    } catch {
      // An observer's bug must not fail the query.
    }
  }
}

type Thenable = { then: (ok: () => void, fail: () => void) => unknown };

function timedQuery<Q>(query: Q): Q {
  const start = performance.now();
  inFlight.n++;
  // Attaching settles nothing and changes no result; postgres.js queries run when first awaited, which Drizzle does
  // in the same tick anyway (after `.values()`, which still applies: the query is built a microtask later).
  (query as Thenable).then(
    () => report(start, false),
    () => report(start, true),
  );
  return query;
}

type Callback = (sql: Sql) => unknown;

/** `sql` with its queries timed (see above). Everything else passes through untouched. */
export function timedClient<S extends Sql>(sql: S): S {
  return new Proxy(sql, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      if (key === "unsafe") {
        return (...args: Parameters<Sql["unsafe"]>) => timedQuery(target.unsafe(...args));
      }
      if (key === "begin" || key === "savepoint") {
        // (options?, callback): the callback gets the transaction's own `sql`, which is timed as well.
        return (...args: unknown[]) => {
          const wrapped = args.map((arg) =>
            typeof arg === "function" ? (tx: Sql) => (arg as Callback)(timedClient(tx)) : arg,
          );
          return (value as (...a: unknown[]) => unknown).apply(target, wrapped);
        };
      }
      return value.bind(target);
    },
  });
}
