/** The app's root router. Its type, `AppRouter`, is the contract the client infers everything from. */
import "server-only";
import { resourceRouters } from "./core";
import { createAuditRouter } from "./core/audit-router";
import { resources } from "./resources";
import { filesRouter } from "./routers/files";
import { passwordsRouter } from "./routers/passwords";
import { tokensRouter } from "./routers/tokens";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  ...resourceRouters(resources),
  audit: createAuditRouter(resources),
  tokens: tokensRouter,
  files: filesRouter,
  passwords: passwordsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, without HTTP: server components, scripts and tests. */
export const createCaller = createCallerFactory(appRouter);
