/**
 * The procedure calls one request to the tRPC endpoint names: `/api/trpc/a.b` is one call, and
 * `/api/trpc/a.b,c.d?batch=1` is a batch of two (tRPC's HTTP batching). Read from the URL alone, before anything runs,
 * so a batch can be refused and counted against the rate limit without parsing its inputs.
 */

export interface ProcedureCalls {
  paths: string[];
  batch: boolean;
}

export function procedureCalls(url: URL, endpoint: string): ProcedureCalls {
  const prefix = `${endpoint}/`;
  const raw = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  const batch = url.searchParams.get("batch") === "1";
  return { paths: batch ? decoded.split(",") : [decoded], batch };
}

/** The length of what a client sent after the origin: path and query, in bytes (a URL on the wire is ASCII). */
export function requestTargetBytes(url: URL): number {
  return url.pathname.length + url.search.length;
}
