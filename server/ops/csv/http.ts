/**
 * The export routes' HTTP side (server/core/export does the work): who the caller is (session cookie or API token),
 * the API's rate limit, the streamed body, and errors as plain JSON with the status that fits: 400 naming the
 * parameter, 401 for credentials that must not be used, 404 for a resource the caller may not export (the same as for
 * one that does not exist), 429, 503 while the database is down, never a stack or SQL text.
 */
import "server-only";
import { TRPCError } from "@trpc/server";
import { getAvailability, getDb } from "@/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { type ActorResolution, resolveActor } from "@/server/auth/actor";
import { clientIp } from "@/server/auth/client-ip";
import { FieldError } from "@/server/core/errors";
import { noteActor, noteFailure } from "@/server/core/logging/request-scope";
import { gateLimitsFromEnv } from "@/server/http/limits";
import { SharedRateLimiter } from "@/server/http/rate-limit";

export const NOT_EXPORTABLE = "There is no such resource, or you may not export it.";

// One limiter per process, shared by every bundle Next makes of these routes.
const state = globalThis as unknown as { atriumExportLimiter?: SharedRateLimiter };

function limiter(): SharedRateLimiter {
  state.atriumExportLimiter ??= new SharedRateLimiter(getDb);
  return state.atriumExportLimiter;
}

/** Stops the limiter's writes (tests, before their database goes away). */
export function stopExportLimiter(): void {
  state.atriumExportLimiter?.stop();
  state.atriumExportLimiter = undefined;
}

export function errorResponse(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { message, ...extra } }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The caller, or the answer that refuses them: credentials that must not be used (401), or the API-wide rate limit
 * spent (429; exports count against the same budget as every API call, per user or else per client IP).
 */
export async function exportCaller(req: Request): Promise<{ caller: ActorResolution } | { refusal: Response }> {
  if (getAvailability().isDown) return { refusal: unavailable() };
  const caller = await resolveActor(getDb(), req.headers);
  noteActor(caller.actor);
  if (caller.refused) return { refusal: errorResponse(401, caller.refused) };
  const limits = gateLimitsFromEnv();
  const user = caller.actor.kind === "user";
  const client = caller.actor.kind === "user" ? `user:${caller.actor.user.id}` : `ip:${clientIp(req.headers)}`;
  const key = `api:${client}`;
  const decision = await limiter().check([
    { key, limit: user ? limits.perUser : limits.perIp, windowSeconds: limits.windowSeconds, cost: 1 },
  ]);
  if (!decision.allowed) {
    const response = errorResponse(429, `Too many requests; retry in ${decision.retryAfter} s.`);
    response.headers.set("retry-after", String(decision.retryAfter));
    return { refusal: response };
  }
  return { caller };
}

function unavailable(): Response {
  const response = errorResponse(503, DATABASE_UNAVAILABLE_MESSAGE);
  response.headers.set("retry-after", String(getAvailability().retryAfterSeconds));
  return response;
}

/** Runs an export handler; what it throws becomes the answer its kind calls for. */
export async function answerExport(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "BAD_REQUEST") {
        const fieldErrors = error.cause instanceof FieldError ? error.cause.fieldErrors : undefined;
        return errorResponse(400, error.message, fieldErrors ? { fieldErrors } : {});
      }
      // The `list` rule refused: the same answer as for a resource that does not exist.
      if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") return errorResponse(404, NOT_EXPORTABLE);
    }
    if (isDatabaseUnavailable(error)) {
      getAvailability().report(error);
      return unavailable();
    }
    noteFailure(error);
    console.error("[export] request failed:", error);
    return errorResponse(500, "Something went wrong on our side.");
  }
}

/**
 * A body streamed from `chunks`, one chunk per pull: the next page is read only when the client has taken the last,
 * so a slow reader holds one page in memory, not the export. A failure mid-way ends the body early (its headers are
 * gone); the client sees a short file, against `X-Export-Rows`.
 */
export function streamOf(chunks: AsyncGenerator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
        } catch (error) {
          console.error("[export] stream failed:", error);
          if (isDatabaseUnavailable(error)) getAvailability().report(error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** `attachment; filename="posts-2026-11-29.csv"`: the resource's name (an identifier) and today's date. */
export function attachment(name: string, extension: "csv" | "zip"): string {
  const safe = name.replace(/[^\w.-]/g, "_");
  return `attachment; filename="${safe}-${new Date().toISOString().slice(0, 10)}.${extension}"`;
}
