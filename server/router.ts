/** The app's root router. Its type, `AppRouter`, is the contract the client infers everything from. */
import "server-only";
import { resourceRouters } from "./core";
import { createAuditRouter } from "./core/audit-router";
import { csvImportRouter } from "./ops/csv/import-router";
import { metricsRouter } from "./ops/metrics/router";
import { resources } from "./resources";
import { filesRouter } from "./routers/files";
import { jobsRouter } from "./routers/jobs";
import { passwordsRouter } from "./routers/passwords";
import { tokensRouter } from "./routers/tokens";
import { webhookAdminRouter } from "./routers/webhooks";
import { createCallerFactory, router } from "./trpc";
import { appWebhooks } from "./webhooks";

// Every engine write served through this router records the events its webhooks want, in its own transaction
// (docs/webhooks.md). Installed here, where the write path is loaded, so no bundle of the app can write without it.
appWebhooks.install();

export const appRouter = router({
  ...resourceRouters(resources),
  audit: createAuditRouter(resources),
  tokens: tokensRouter,
  files: filesRouter,
  passwords: passwordsRouter,
  jobs: jobsRouter,
  webhookAdmin: webhookAdminRouter,
  metrics: metricsRouter,
  csvImport: csvImportRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, without HTTP: server components, scripts and tests. */
export const createCaller = createCallerFactory(appRouter);
