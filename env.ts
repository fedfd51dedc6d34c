/**
 * The one place that reads process.env. Everything else imports `env()` from here.
 *
 * Parsing is lazy and memoised so that `next build` (which evaluates route modules) never needs runtime secrets,
 * while `next start` checks them at boot through `instrumentation.ts` and `scripts/launch.ts`.
 */
import { z } from "zod";

/** Values that ship in docs and examples; a production server must never run with them. */
const KNOWN_DEFAULT_SECRETS = new Set([
  "changeme",
  "change-me",
  "secret",
  "development-secret-do-not-use-in-production",
]);

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** postgres:// URL. Set by you, or by the launcher when it starts the embedded server. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Signs session tokens. Required in production; generated and kept under .data/ in development. */
  AUTH_SECRET: z.string().optional(),
  /** Connections per app instance; keep (instances x this) below the server's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Where the embedded PostgreSQL keeps its data and generated credentials (when DATABASE_URL is not set). */
  ATRIUM_DATA_DIR: z.string().default(".data"),
  /** Seed the demo blog into an empty database on `npm start` against your own DATABASE_URL. */
  SEED_DEMO_DATA: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof baseSchema>;

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
  if (env.NODE_ENV === "production") {
    const problems = productionProblems(env);
    if (problems.length > 0) {
      throw new EnvError(`Refusing to start in production:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    }
  }
  return env;
}

function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push("DATABASE_URL is missing: set it to your PostgreSQL server's URL.");
  if (!env.AUTH_SECRET) {
    problems.push("AUTH_SECRET is missing: set it to a random string of 32+ characters (openssl rand -base64 32).");
  } else if (KNOWN_DEFAULT_SECRETS.has(env.AUTH_SECRET)) {
    problems.push("AUTH_SECRET is a published default value: generate your own (openssl rand -base64 32).");
  } else if (env.AUTH_SECRET.length < 32) {
    problems.push("AUTH_SECRET is too short: use 32 or more random characters.");
  }
  return problems;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Next sets this while `next build` runs; nothing that needs runtime secrets may run then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
