/**
 * The Prometheus registry of this process (docs/operations-metrics.md) and what feeds it: every finished HTTP request
 * (server/ops/request-events.ts), every timed database query (db/query-timing.ts), and, read when scraped, the live
 * listener, the job queues, the pool, and Node's own figures (memory, event loop lag, GC) from prom-client's defaults.
 * The same feeds fill the sampler's window, so the dashboard's charts and Prometheus count the same things.
 *
 * On globalThis: Next bundles /api/metrics apart from /api/trpc and the boot code, and each bundle must add to, and
 * read, the one registry of the process.
 */
import "server-only";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { getDb, getSql } from "@/db/client";
import { onQueryFinished, queriesInFlight } from "@/db/query-timing";
import { jobs } from "@/server/jobs";
import { onRequestFinished } from "@/server/ops/request-events";
import { appRouter } from "@/server/router";
import { jobDepths } from "./job-depth";
import { procedureLabel, RouteLabels, statusLabel } from "./labels";
import { liveFigures } from "./live";
import { SampleWindow } from "./window";

/** Seconds: from a cached read (a few ms) to a request that waits on a slow query or a file. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

function createMetrics() {
  const registry = new Registry();
  const knownProcedures = new Set(Object.keys(appRouter._def.procedures as Record<string, unknown>));
  const queues = jobs.map((job) => job.name);
  const routes = new RouteLabels();
  const window = new SampleWindow();
  // The sampler's own loop-lag histogram, reset each sample (prom-client's default one resets on each scrape).
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();

  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: "atrium_http_requests_total",
    help: "HTTP requests answered, by route pattern and status.",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "atrium_http_request_duration_seconds",
    help: "Time until the response's headers were ready, by route pattern and status.",
    labelNames: ["route", "status"] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const trpcCalls = new Counter({
    name: "atrium_trpc_calls_total",
    help: "tRPC procedure calls, by procedure and the HTTP status of their request (a batch's calls share it).",
    labelNames: ["procedure", "status"] as const,
    registers: [registry],
  });
  const trpcDuration = new Histogram({
    name: "atrium_trpc_call_duration_seconds",
    help: "Duration of the HTTP request that carried a procedure call, by procedure.",
    labelNames: ["procedure"] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const dbQueries = new Counter({
    name: "atrium_db_queries_total",
    help: "Database queries of the app's pool, by outcome.",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const dbDuration = new Histogram({
    name: "atrium_db_query_duration_seconds",
    help: "Database query time as the app sees it, waiting for a free connection included.",
    buckets: DB_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "atrium_db_queries_in_flight",
    help: "Queries sent or waiting for a connection, not yet answered (at most the pool's size run at once).",
    registers: [registry],
    collect() {
      this.set(queriesInFlight());
    },
  });
  new Gauge({
    name: "atrium_db_pool_max",
    help: "Connections the app's pool may open (DATABASE_POOL_MAX).",
    registers: [registry],
    collect() {
      try {
        this.set(getSql().options.max);
      } catch {
        // No DATABASE_URL: nothing to report.
      }
    },
  });
  new Gauge({
    name: "atrium_live_subscribers",
    help: "Live subscriptions open on this instance (record subscribers and audit watchers).",
    labelNames: ["kind"] as const,
    registers: [registry],
    collect() {
      const live = liveFigures();
      if (!live) return;
      this.set({ kind: "records" }, live.subscribers);
      this.set({ kind: "audit" }, live.watchers);
    },
  });
  // The listener keeps its own running totals; these counters follow them (a new listener starts from zero again).
  const followed = { events: 0, deliveries: 0 };
  const follow = (counter: Counter, key: keyof typeof followed, total: number) => {
    if (total > followed[key]) counter.inc(total - followed[key]);
    followed[key] = total;
  };
  new Counter({
    name: "atrium_live_events_total",
    help: "Live events this instance's listener has delivered (each once, whatever the number of subscribers).",
    registers: [registry],
    collect() {
      const live = liveFigures();
      if (live) follow(this, "events", live.events);
    },
  });
  new Counter({
    name: "atrium_live_messages_total",
    help: "Messages this instance pushed to live subscribers.",
    registers: [registry],
    collect() {
      const live = liveFigures();
      if (live) follow(this, "deliveries", live.deliveries);
    },
  });
  new Gauge({
    name: "atrium_jobs",
    help: "Jobs of the app's queues waiting (created or to be retried) or running, read at most every 5 s.",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      let db: ReturnType<typeof getDb>;
      try {
        db = getDb();
      } catch {
        return;
      }
      const depths = await jobDepths(db, queues);
      for (const depth of depths ?? []) {
        this.set({ queue: depth.queue, state: "waiting" }, depth.waiting);
        this.set({ queue: depth.queue, state: "active" }, depth.active);
      }
    },
  });

  const unsubscribeRequests = onRequestFinished((request) => {
    const status = statusLabel(request.status);
    const route = routes.of(request.route);
    const seconds = request.durationMs / 1000;
    httpRequests.inc({ route, status });
    httpDuration.observe({ route, status }, seconds);
    for (const name of new Set(request.procedures)) {
      const procedure = procedureLabel(name, knownProcedures);
      trpcCalls.inc({ procedure, status });
      trpcDuration.observe({ procedure }, seconds);
    }
    window.request(request.durationMs, request.status);
  });
  const unsubscribeQueries = onQueryFinished((ms, failed) => {
    dbQueries.inc({ outcome: failed ? "error" : "ok" });
    dbDuration.observe(ms / 1000);
    window.query(ms);
  });

  return {
    registry,
    window,
    loopDelay,
    queues,
    close() {
      unsubscribeRequests();
      unsubscribeQueries();
      loopDelay.disable();
      registry.clear();
    },
  };
}

export type AppMetrics = ReturnType<typeof createMetrics>;

const state = globalThis as unknown as { atriumMetrics?: AppMetrics };

/** The process's metrics, made (and subscribed to requests and queries) on first use. */
export function appMetrics(): AppMetrics {
  state.atriumMetrics ??= createMetrics();
  return state.atriumMetrics;
}

/** Unsubscribes and forgets the metrics (tests; a process that stops serving). */
export function closeAppMetrics(): void {
  state.atriumMetrics?.close();
  state.atriumMetrics = undefined;
}
