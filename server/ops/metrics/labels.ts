/**
 * Label values for the Prometheus series, from a closed set each, so no client can grow the number of series: a
 * procedure is one the router has (others are `unknown`), a status is a valid HTTP status, and routes (patterns the
 * HTTP wrapper names, never raw URLs) are capped at MAX_ROUTES distinct values, after which they collapse to `other`.
 */
import { hostname } from "node:os";

export const UNKNOWN_PROCEDURE = "unknown";
export const OTHER_ROUTE = "other";
export const MAX_ROUTES = 64;
const ROUTE = /^\/[\w\-./[\]]{0,199}$/;

/** Which app instance a sample or a series comes from: host and process, as the request log names it. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}`;
}

export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : "other";
}

export function procedureLabel(procedure: string, known: ReadonlySet<string>): string {
  return known.has(procedure) ? procedure : UNKNOWN_PROCEDURE;
}

/** Remembers the routes seen so far; a route past the cap, or not shaped like a pattern, is `other`. */
export class RouteLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max = MAX_ROUTES) {}

  of(route: string): string {
    if (this.seen.has(route)) return route;
    if (!ROUTE.test(route) || this.seen.size >= this.max) return OTHER_ROUTE;
    this.seen.add(route);
    return route;
  }
}
