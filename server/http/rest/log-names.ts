/**
 * The procedures a REST request calls (`posts.list`), as its handler found them (route-map.ts), once per request: the
 * gate counts the request against their limits, and the request's log line and the metrics name them
 * (`withRequestLog(..., { procedures: restProcedures })`). A request the handler named nothing for names none.
 */
const named = new WeakMap<Request, string[]>();

export function nameProcedures(req: Request, procedures: string[]): void {
  named.set(req, procedures);
}

export function restProcedures(_url: URL, _method: string, req?: Request): string[] {
  return (req && named.get(req)) ?? [];
}
