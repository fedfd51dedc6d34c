/**
 * The one place that reads process.env. Everything else imports `env()` from here.
 *
 * Parsing is lazy and memoised so that `next build` (which evaluates route modules) never needs runtime secrets,
 * while `next start` checks them at boot through `instrumentation.ts` and `scripts/launch.ts`.
 */
import { z } from "zod";
import { parseNetworks } from "./server/core/webhooks/address";

/**
 * Used only when NODE_ENV=test and no AUTH_SECRET is set, so vitest can sign sessions without a generated secret.
 * Production rejects it like any published default.
 */
export const TEST_AUTH_SECRET = "atrium-test-secret-never-use-this-outside-tests";

/** Values that ship in docs and examples; a production server must never run with them. */
const KNOWN_DEFAULT_SECRETS = new Set([
  TEST_AUTH_SECRET,
  "changeme",
  "change-me",
  "secret",
  "development-secret-do-not-use-in-production",
]);

/** The first admin's password in development, printed by `npm run dev`; production refuses to start with it. */
export const DEFAULT_ADMIN_PASSWORD = "atrium-admin";

/** The first admin's email unless ADMIN_EMAIL says otherwise: the seeded "Ada Admin". */
export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

/** How long one live stream lasts before the client reconnects (and its session and rules are checked again). */
const liveStreamMaxSeconds = z.coerce.number().int().min(5).max(3_600).default(300);

/** Bytes one live stream may hold unread before it is ended (the client resumes from its last event id). */
const liveStreamBufferBytes = z.coerce.number().int().min(65_536).max(268_435_456).default(4_194_304);

/** How long a list's estimated total is remembered per query (server/core/estimate-memo.ts), in milliseconds. */
const listEstimateTtlMs = z.coerce.number().int().min(1).max(60_000).default(10_000);

/** Seconds to wait for a database connection; also the bound on a request when the database stops answering. */
const databaseConnectTimeoutSeconds = z.coerce.number().int().min(1).max(60).default(3);

/** The application_name of the app's database sessions (libpq's variable, which postgres.js also reads). */
const databaseApplicationName = z
  .string()
  .regex(/^[\x20-\x7e]{1,63}$/, "printable ASCII, at most 63 characters")
  .default("atrium");

/** Bytes of visibility results the live listener keeps for resumes and fan-out (one query per event and audience). */
const liveEvaluationCacheBytes = z.coerce.number().int().min(1_048_576).max(4_294_967_296).default(33_554_432);

/**
 * Milliseconds between the starts of two sequencer runs of one instance, at least (server/core/realtime/sequencer.ts):
 * a busy instance numbers its events in fewer, larger runs; an idle one still numbers an event 5 ms after its write.
 */
const liveSequenceGapMs = z.coerce.number().int().min(0).max(1_000).default(25);

/** Bytes of messages one live subscriber may have queued before it is ended (it resumes from its last event id). */
const liveInboxBytes = z.coerce.number().int().min(65_536).max(268_435_456).default(4_194_304);

const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** An integer setting within bounds; env values arrive as strings. */
const bounded = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * ALLOWED_ORIGINS: comma-separated origins (`https://app.example.com,https://admin.example.com`), each an http(s)
 * origin with no path, query or wildcard, normalised to its `URL.origin` form so comparisons are exact.
 */
const allowedOrigins = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const origins: string[] = [];
    for (const entry of raw.split(",").map((e) => e.trim())) {
      if (!entry) continue;
      const origin = originOf(entry);
      if (!origin) {
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not an origin: write scheme://host[:port], e.g. https://app.example.com`,
        });
        continue;
      }
      if (!origins.includes(origin)) origins.push(origin);
    }
    return origins;
  });

/** `https://Host:443/` -> `https://host`; null for anything that is not a bare http(s) origin. */
function originOf(entry: string): string | null {
  if (!URL.canParse(entry)) return null;
  const url = new URL(entry);
  const bare = (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username;
  if (!bare || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname.includes("*")) return null;
  return url.origin;
}

/**
 * WEBHOOKS_ALLOW_PRIVATE: IP addresses and CIDR networks (`127.0.0.1, 10.0.0.0/8, fd00::/8`) that webhook deliveries
 * may reach although they are loopback, private or link-local; every other such address is refused (docs/webhooks.md).
 */
const webhooksAllowPrivate = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const { networks, problems } = parseNetworks(raw);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return networks;
  });

/** The webhook settings (docs/webhooks.md, "Settings"), also read alone when the delivery job is defined. */
const webhooksSchema = z.object({
  WEBHOOKS_ALLOW_PRIVATE: webhooksAllowPrivate,
  /** Seconds one delivery (DNS lookup and request) may take. */
  WEBHOOKS_TIMEOUT_SECONDS: bounded(1, 60, 10),
  /** Failed deliveries in a row after which a webhook is disabled (with a notice in the admin). */
  WEBHOOKS_DISABLE_AFTER_FAILURES: bounded(1, 1_000, 20),
  /** Retries of a failed delivery, the first after about WEBHOOKS_RETRY_DELAY_SECONDS, each about twice as late. */
  WEBHOOKS_RETRY_LIMIT: bounded(0, 20, 6),
  WEBHOOKS_RETRY_DELAY_SECONDS: bounded(1, 3_600, 10),
  /** Days the delivery log (and the events it resends) is kept. */
  WEBHOOKS_RETENTION_DAYS: bounded(1, 3_650, 30),
  /** Seconds an instance reuses its list of active webhooks before reading it again (a change elsewhere shows then). */
  WEBHOOKS_CACHE_SECONDS: bounded(1, 300, 5),
});

export type WebhooksEnv = z.infer<typeof webhooksSchema>;

/** The logs (docs/operations-logs.md), also read alone: the logger is made before (and without) the secrets. */
const loggingSchema = z.object({
  /** Least severe level written; `silent` writes nothing. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `pretty` (coloured lines for a terminal) or `json` (one object a line); default: pretty in development only. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Share of successful requests kept in the request_log table, 0 to 1; answers of 400 and above are always kept. */
  LOG_REQUESTS_SAMPLE: z.coerce.number().min(0).max(1).default(1),
  /** Days the request_log keeps a row; older rows are deleted by a job every hour. */
  LOG_RETENTION_DAYS: bounded(1, 3_650, 7),
  /** Request log rows one instance holds before writing them; past this, new ones are dropped (and counted). */
  LOG_REQUESTS_BUFFER: bounded(100, 1_000_000, 10_000),
});

/** The metrics (docs/operations-metrics.md): /api/metrics's protection, the per-minute samples and their retention. */
const metricsSchema = z.object({
  /** Bearer token Prometheus sends to /api/metrics (at least 16 characters); unset: no token is accepted. */
  METRICS_TOKEN: z
    .string()
    .min(16, "at least 16 characters (e.g. `openssl rand -hex 24`)")
    .max(512)
    .regex(/^[\x21-\x7e]+$/, "printable characters without spaces")
    .optional(),
  /** Comma-separated IPs or networks (10.0.0.0/8) allowed to read /api/metrics; with a token too, both must match. */
  METRICS_ALLOW: z
    .string()
    .max(4_096)
    .default("")
    .transform((raw, ctx) => {
      const { networks, problems } = parseNetworks(raw);
      for (const message of problems) ctx.addIssue({ code: "custom", message });
      return networks;
    }),
  /** Days the per-minute samples behind the dashboard's charts are kept; older ones are deleted hourly. */
  METRICS_RETENTION_DAYS: bounded(1, 365, 7),
  /** Seconds between two samples of one instance (60: one row a minute, as the charts expect). */
  METRICS_SAMPLE_SECONDS: bounded(5, 3_600, 60),
});

export type MetricsEnv = z.infer<typeof metricsSchema>;

/** The log settings, LOG_FORMAT decided: pretty under `next dev` (NODE_ENV=development), JSON everywhere else. */
export type LoggingEnv = Omit<z.infer<typeof loggingSchema>, "LOG_FORMAT"> & { LOG_FORMAT: "json" | "pretty" };

/** CSV export and import (docs/operations-export-import.md), also read alone by the export route. */
const csvSchema = z.object({
  /** Rows one CSV export may hold (per file in the zip of every resource); a larger export is refused. */
  EXPORT_MAX_ROWS: bounded(1, 100_000_000, 1_000_000),
  /** The largest CSV file the admin's import takes. */
  IMPORT_MAX_BYTES: bounded(1_024, 1_073_741_824, 10_485_760),
  /** Data rows one import may hold. */
  IMPORT_MAX_ROWS: bounded(1, 1_000_000, 10_000),
});

export type CsvEnv = z.infer<typeof csvSchema>;

/** Backups (docs/operations-backups.md), also read alone: the schedule is listed when server/jobs loads. */
const backupsSchema = z.object({
  /** Where archives are written; default `$ATRIUM_DATA_DIR/backups`. Put it on another disk, or copy it off. */
  BACKUP_DIR: z.string().max(1_024).optional(),
  /** A five-field cron (UTC) for scheduled backups, e.g. `0 3 * * *`; unset: none. */
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .regex(/^(\S+\s+){4}\S+$/, "five cron fields, e.g. `0 3 * * *`")
        .optional(),
    ),
  /** Ready backups kept; after each new one, older archives and their rows are removed. */
  BACKUP_KEEP: bounded(1, 10_000, 7),
  /** Minutes one backup, verification, dry run or restore may take before it is stopped and marked failed. */
  BACKUP_TIMEOUT_MINUTES: bounded(1, 1_440, 120),
});

/** The backup settings, BACKUP_DIR decided. */
export type BackupsEnv = z.infer<typeof backupsSchema> & { BACKUP_DIR: string };

const baseSchema = z.object({
  ...csvSchema.shape,
  ...backupsSchema.shape,
  ...webhooksSchema.shape,
  ...metricsSchema.shape,
  ...loggingSchema.shape,
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** postgres:// URL. Set by you, or by the launcher when it starts the embedded server. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Signs session tokens. Required in production; generated and kept under .data/ in development. */
  AUTH_SECRET: z.string().optional(),
  /** Connections per app instance; keep (instances x this) below the server's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Seconds to wait for a connection; while the database is down, requests answer 503 within about this long. */
  DATABASE_CONNECT_TIMEOUT_SECONDS: databaseConnectTimeoutSeconds,
  /** application_name of the app's sessions in pg_stat_activity (set one per instance to tell them apart). */
  PGAPPNAME: databaseApplicationName,
  /** Where the embedded PostgreSQL keeps its data and generated credentials (when DATABASE_URL is not set). */
  ATRIUM_DATA_DIR: z.string().default(".data"),
  /** Seed the demo blog into an empty database on `npm start` against your own DATABASE_URL. */
  SEED_DEMO_DATA: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** The first admin: created (or promoted) at start-up by the launcher. */
  ADMIN_EMAIL: z
    .email()
    .default(DEFAULT_ADMIN_EMAIL)
    .transform((v) => v.toLowerCase()),
  /** The first admin's initial password; set only while that user has none. Required in production. */
  ADMIN_PASSWORD: z.string().optional(),
  /** GitHub and Google sign-in appear when both halves of their OAuth app are set. */
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  LIVE_STREAM_MAX_SECONDS: liveStreamMaxSeconds,
  LIVE_STREAM_BUFFER_BYTES: liveStreamBufferBytes,
  /** Bytes of visibility results the live listener caches (per instance). */
  LIVE_EVALUATION_CACHE_BYTES: liveEvaluationCacheBytes,
  /** Milliseconds a list's estimated total (past `list.countCap`) is remembered per query. */
  LIST_ESTIMATE_TTL_MS: listEstimateTtlMs,
  /** Bytes one live subscriber may have queued before it is ended and resumes by id. */
  LIVE_INBOX_BYTES: liveInboxBytes,
  /** Milliseconds between the starts of two sequencer runs of one instance, at least. */
  LIVE_SEQUENCE_GAP_MS: liveSequenceGapMs,
  /** Sign-in attempts per email address per 15 minutes. */
  AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL: limit(5),
  /** Sign-in attempts per client IP per 15 minutes. */
  AUTH_RATE_LIMIT_SIGNIN_PER_IP: limit(30),
  /** Sign-ups per client IP per hour. */
  AUTH_RATE_LIMIT_SIGNUP_PER_IP: limit(10),
  /**
   * Mails that carry a link or code (reset, verification, sign-in code) one email address may be sent per hour, and
   * one client IP may ask for. The answer to the asker never changes; only the mail is not sent.
   */
  AUTH_RATE_LIMIT_MAIL_PER_EMAIL: limit(5),
  AUTH_RATE_LIMIT_MAIL_PER_IP: limit(30),
  /**
   * Where mail goes: an `smtp://user:pass@host:587` or `smtps://...:465` URL (nodemailer). Unset: every message is
   * kept in the database's dev mailbox, shown at /dev/mail (development), so sign-up and reset work offline.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The From of every message, `Name <address>` or an address. */
  MAIL_FROM: z.string().min(3).max(320).default("Atrium <no-reply@atrium.localhost>"),
  /**
   * The app's public origin for links in mail (`https://app.example.com`). Unset: AUTH_URL, else
   * http://localhost:$PORT (server/mail/app-url.ts).
   */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Most procedure calls one HTTP request to /api/trpc may batch. The app's own client batches at most 10. */
  TRPC_MAX_BATCH: bounded(1, 1_000, 10),
  /** Largest request body /api/trpc reads, in bytes (1 MiB); larger answers 413. */
  API_BODY_LIMIT_BYTES: bounded(1_024, 100 * 1_048_576, 1_048_576),
  /** The largest file any field may accept, in bytes (a definition's `maxSize` cannot pass it). Default 256 MiB. */
  FILES_MAX_SIZE: bounded(1_024, 10 * 1_073_741_824, 256 * 1_048_576),
  /** Files one user may have uploaded but not attached to a record yet. */
  FILES_MAX_PENDING_PER_USER: bounded(1, 100_000, 200),
  /** Hours an upload may wait to be attached, and a replaced or removed file waits for a revert, before deletion. */
  FILES_PENDING_GRACE_HOURS: bounded(0, 24 * 365, 24),
  FILES_DETACHED_GRACE_HOURS: bounded(0, 24 * 365, 24),
  /** Minutes between two sweeps of unused files (each instance tries; one at a time sweeps). 0 turns it off. */
  FILES_SWEEP_INTERVAL_MINUTES: bounded(0, 24 * 60, 15),
  /** Uploadthing (uploadthing.com) stores files instead of the local disk when set; see README "Files". */
  UPLOADTHING_TOKEN: z.string().optional(),
  /** Longest request URL (path and query) /api/trpc accepts, in bytes; longer answers 414. */
  API_MAX_URL_BYTES: bounded(1_024, 65_536, 16_384),
  /** Procedure calls per client IP per minute on /api/trpc (a batch of N calls counts N). */
  API_RATE_LIMIT_PER_IP: bounded(1, 100_000_000, 600),
  /** Procedure calls per signed-in user (session or API token) per minute on /api/trpc. */
  API_RATE_LIMIT_PER_USER: bounded(1, 100_000_000, 1_200),
  /** Live streams one client (a user, else an IP) may hold open at once on one app instance. */
  LIVE_STREAMS_PER_CLIENT: bounded(1, 100_000, 20),
  /**
   * Proxies in front of the app that append to X-Forwarded-For (a load balancer: 1; a CDN before it: 2). The client
   * address for per-IP limits is the entry that many places from the right (server/auth/client-ip.ts).
   */
  TRUSTED_PROXIES: bounded(1, 10, 1),
  /** Other origins (another front end) allowed to call /api/trpc with credentials: CORS and the Origin rule. */
  ALLOWED_ORIGINS: allowedOrigins,
  /** How long a mutation's Idempotency-Key is remembered (24 h); a retry after that runs again. At least a minute. */
  IDEMPOTENCY_KEY_TTL_SECONDS: bounded(60, 2_592_000, 86_400),
  /**
   * Whether `npm run dev` and `npm start` run background jobs in the app's process ("on"), or leave them to
   * `npm run worker` processes ("off"). Either way every instance can enqueue.
   */
  JOBS_WORKER: z.enum(["on", "off"]).default("on"),
  /** Connections of the job system's own pool (pg-boss), per process that runs jobs. */
  JOBS_POOL_MAX: bounded(1, 100, 4),
  /** Seconds between two polls of an idle queue: the longest a new job waits for a worker on another instance. */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** Seconds a stopping worker lets running jobs finish before it stops them (they are then retried). */
  JOBS_SHUTDOWN_GRACE_SECONDS: bounded(0, 3_600, 20),
  /** Seconds between maintenance runs: a job whose worker died is retried this long after its timeout at most. */
  JOBS_MAINTENANCE_SECONDS: bounded(1, 3_600, 60),
});

/** The parsed environment; ADMIN_PASSWORD is filled with the development default outside production. */
export type Env = Omit<z.infer<typeof baseSchema>, "ADMIN_PASSWORD"> & { ADMIN_PASSWORD: string };

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validate an env object. Production additionally demands real secrets; each problem names its variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = baseSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const pairs = oauthPairProblems(env);
  if (pairs.length > 0) throw new EnvError(`Invalid environment:\n${pairs.map((p) => `  ${p}`).join("\n")}`);
  if (env.NODE_ENV === "production") {
    const problems = productionProblems(env);
    if (problems.length > 0) {
      throw new EnvError(`Refusing to start in production:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    }
  }
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? (env.NODE_ENV === "test" ? TEST_AUTH_SECRET : undefined),
    ADMIN_PASSWORD: env.ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD,
  };
}

/** Half an OAuth app is a typo, not a choice: say so instead of silently hiding the button. */
function oauthPairProblems(env: z.infer<typeof baseSchema>): string[] {
  const problems: string[] = [];
  const pairs = [
    ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ] as const;
  for (const [id, secret] of pairs) {
    if (env[id] && !env[secret]) problems.push(`${secret} is missing: it is required when ${id} is set.`);
    if (!env[id] && env[secret]) problems.push(`${id} is missing: it is required when ${secret} is set.`);
  }
  return problems;
}

function productionProblems(env: z.infer<typeof baseSchema>): string[] {
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push("DATABASE_URL is missing: set it to your PostgreSQL server's URL.");
  if (!env.AUTH_SECRET) {
    problems.push("AUTH_SECRET is missing: set it to a random string of 32+ characters (openssl rand -base64 32).");
  } else if (KNOWN_DEFAULT_SECRETS.has(env.AUTH_SECRET)) {
    problems.push("AUTH_SECRET is a published default value: generate your own (openssl rand -base64 32).");
  } else if (env.AUTH_SECRET.length < 32) {
    problems.push("AUTH_SECRET is too short: use 32 or more random characters.");
  }
  if (!env.ADMIN_PASSWORD) {
    problems.push("ADMIN_PASSWORD is missing: set the first admin's password (10+ characters).");
  } else if (env.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD) {
    problems.push("ADMIN_PASSWORD is the published development default: choose your own.");
  } else if (env.ADMIN_PASSWORD.length < 10) {
    problems.push("ADMIN_PASSWORD is too short: use 10 or more characters.");
  }
  return problems;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * One variable alone, for settings read when a module loads (tRPC's SSE settings, the live stream's buffer), which
 * `next build` also does: they cannot wait for (or depend on) the secrets `env()` demands. `env()` validates them
 * again at boot.
 */
function readAlone(name: string, schema: z.ZodType<number>): number {
  const parsed = schema.safeParse(process.env[name]);
  if (!parsed.success) throw new EnvError(`Invalid environment:\n  ${name}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function liveStreamMaxSecondsFromEnv(): number {
  return readAlone("LIVE_STREAM_MAX_SECONDS", liveStreamMaxSeconds);
}

export function liveStreamBufferBytesFromEnv(): number {
  return readAlone("LIVE_STREAM_BUFFER_BYTES", liveStreamBufferBytes);
}

export function databaseConnectTimeoutFromEnv(): number {
  return readAlone("DATABASE_CONNECT_TIMEOUT_SECONDS", databaseConnectTimeoutSeconds);
}

export function databaseApplicationNameFromEnv(): string {
  const parsed = databaseApplicationName.safeParse(process.env.PGAPPNAME);
  if (!parsed.success) throw new EnvError(`Invalid environment:\n  PGAPPNAME: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function listEstimateTtlMsFromEnv(): number {
  return readAlone("LIST_ESTIMATE_TTL_MS", listEstimateTtlMs);
}

export function liveEvaluationCacheBytesFromEnv(): number {
  return readAlone("LIVE_EVALUATION_CACHE_BYTES", liveEvaluationCacheBytes);
}

/** The webhook settings alone: the delivery job is defined when its module loads, `next build` included. */
export function webhooksFromEnv(): WebhooksEnv {
  const parsed = webhooksSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The log settings alone: the logger exists before `env()` may be read (at build, in scripts, in tests). */
export function loggingFromEnv(): LoggingEnv {
  const parsed = loggingSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const format = parsed.data.LOG_FORMAT ?? (process.env.NODE_ENV === "development" ? "pretty" : "json");
  return { ...parsed.data, LOG_FORMAT: format };
}

/** The metrics settings alone: the /api/metrics route and the sampler read them (validated by `env()` at boot too). */
export function metricsFromEnv(): MetricsEnv {
  const parsed = metricsSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The CSV export and import limits alone (read per request by the export route and the import procedures). */
export function csvFromEnv(): CsvEnv {
  const parsed = csvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The backup settings alone: read when the job list loads (scripts, workers, `next build`) and by the backup code. */
export function backupsFromEnv(): BackupsEnv {
  const parsed = backupsSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = process.env.ATRIUM_DATA_DIR || ".data";
  return { ...parsed.data, BACKUP_DIR: parsed.data.BACKUP_DIR || `${dataDir}/backups` };
}

export function liveSequenceGapMsFromEnv(): number {
  return readAlone("LIVE_SEQUENCE_GAP_MS", liveSequenceGapMs);
}

export function liveInboxBytesFromEnv(): number {
  return readAlone("LIVE_INBOX_BYTES", liveInboxBytes);
}

/** Next sets this while `next build` runs; nothing that needs runtime secrets may run then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
