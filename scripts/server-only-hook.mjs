/**
 * Lets plain Node processes that run server code outside Next (`npm run worker`) load modules marked
 * `import "server-only"`. Inside Next that import resolves to nothing under the `react-server` condition; that
 * condition cannot be used here, because it also makes `react-dom/server` refuse to load, and the worker renders mail
 * with it (server/mail). So only this one specifier resolves to an empty module.
 */
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
      return next(specifier, context);
    }
  `)}`,
  import.meta.url,
);
