// Auth.js endpoints: csrf, session, providers, sign-in, callbacks (credentials and OAuth), sign-out. The request log
// names the action (`callback/credentials`), never the query or the body (passwords, codes, tokens).
import { handlers } from "@/server/auth";
import { authAction, withRequestLog } from "@/server/ops/logging/with-request-log";

export const GET = withRequestLog("/api/auth/[...nextauth]", handlers.GET, { procedures: authAction });
export const POST = withRequestLog("/api/auth/[...nextauth]", handlers.POST, { procedures: authAction });
