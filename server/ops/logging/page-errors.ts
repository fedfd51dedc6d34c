/**
 * Pages, layouts, server actions and the proxy are not route handlers: nothing wraps them, and Next tells the app
 * only of their failures (instrumentation.ts `onRequestError`). This writes one error line per such failure, with the
 * stack, the route's pattern and what was rendering, and the digest Next shows on the error page, so an admin can
 * find the line a user quotes. Every page request, failed or not, also gets its request line (page-requests.ts).
 */
import { logger } from "@/server/core/logging/logger";
import { acceptedRequestId } from "./with-request-log";

/** What Next passes to `onRequestError` (next/dist/server/instrumentation/types), as far as this reads it. */
export interface FailedPageRequest {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FailedPageContext {
  routerKind: string;
  routePath: string;
  routeType: string;
  renderSource?: string;
}

export function logPageError(error: unknown, request: FailedPageRequest, context: FailedPageContext): void {
  try {
    const given = request.headers["x-request-id"];
    const digest = error && typeof error === "object" && "digest" in error ? String(error.digest) : undefined;
    logger("pages").error(
      {
        err: error,
        method: request.method,
        // The pattern, never the path: a path may carry a token in its query (reset links, sign-in links).
        route: context.routePath,
        routeType: context.routeType,
        ...(context.renderSource ? { renderSource: context.renderSource } : {}),
        ...(digest ? { digest } : {}),
        ...(typeof given === "string" && acceptedRequestId(given) ? { requestId: given } : {}),
      },
      `${request.method} ${context.routePath} failed (${context.routeType})`,
    );
  } catch {
    // The error page is already on its way; a logging failure must not add another error.
  }
}
