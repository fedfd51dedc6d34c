/** The app's root router. Its type, `AppRouter`, is the contract the client infers everything from. */
import "server-only";
import { postsRouter } from "./routers/posts";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  posts: postsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, without HTTP: server components, scripts and tests. */
export const createCaller = createCallerFactory(appRouter);
