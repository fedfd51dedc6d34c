/**
 * One outgoing webhook POST that cannot be turned against the private network (docs/webhooks.md, "Private
 * networks"). The host name is resolved once, every address it resolves to is checked (address.ts), and the
 * connection is then made to the checked address and no other: the request's own DNS lookup is replaced by one that
 * answers with that address, so a name that resolves to a public address for the check and to 127.0.0.1 a moment
 * later (DNS rebinding) still reaches the public one. Redirects are not followed (a 3xx is an answer, and a failure),
 * the answer is read only up to the excerpt kept, and the whole exchange has a deadline.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { addressKind, addressProblem, describeKind, inNetworks, type Network } from "./address";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (tests pass their own, to play a DNS server). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type Target =
  | { ok: true; url: URL; host: string; address: ResolvedAddress }
  /**
   * `refused`: the URL's form is wrong, or (`privateAddress`) it reaches a private network; `unresolved`: the name
   * did not resolve (maybe only for now).
   */
  | { ok: false; kind: "refused" | "unresolved"; reason: string; privateAddress?: true };

/** What is wrong with a webhook URL's form, before any lookup; null when it is an http(s) URL we may POST to. */
export function urlProblem(raw: string): string | null {
  if (!URL.canParse(raw)) return "is not a valid URL";
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must start with http:// or https://";
  if (url.username || url.password) return "must not contain a user name or password (receivers check the signature)";
  if (url.hash) return "must not contain a #fragment";
  if (!url.hostname) return "has no host";
  return null;
}

const bare = (hostname: string) => (hostname.startsWith("[") ? hostname.slice(1, -1) : hostname);

/**
 * Where a POST to `raw` would connect: the URL checked, its host resolved (an IP literal is its own answer) within
 * `timeoutMs`, and every address it resolves to checked against the private ranges and the allow-list. A name with
 * one refused address is refused whole: which one a connection would use is not ours to choose.
 */
export async function resolveTarget(
  raw: string,
  allowed: readonly Network[],
  options: { resolve?: Resolver; timeoutMs?: number } = {},
): Promise<Target> {
  const problem = urlProblem(raw);
  if (problem) return { ok: false, kind: "refused", reason: `The URL ${problem}` };
  const url = new URL(raw);
  const host = bare(url.hostname);
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await withDeadline((options.resolve ?? systemResolver)(host), options.timeoutMs ?? 5_000);
    } catch (error) {
      return { ok: false, kind: "unresolved", reason: `${host} could not be resolved (${errorText(error)})` };
    }
  }
  if (addresses.length === 0) return { ok: false, kind: "unresolved", reason: `${host} has no address` };
  for (const { address } of addresses) {
    const refused = addressProblem(address, allowed);
    if (!refused) continue;
    const kind = addressKind(address);
    const reason =
      literal || !kind || inNetworks(address, allowed)
        ? refused
        : `${host} resolves to ${describeKind(kind)} (${address})`;
    return { ok: false, kind: "refused", reason, privateAddress: true };
  }
  return { ok: true, url, host, address: addresses[0] as ResolvedAddress };
}

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Private networks the operator allowed (WEBHOOKS_ALLOW_PRIVATE). */
  allowed: readonly Network[];
  /** For the lookup and the request together. */
  timeoutMs: number;
  /** Bytes of the answer kept; the rest is never read. */
  excerptBytes: number;
  resolve?: Resolver;
  signal?: AbortSignal;
}

export type PostOutcome =
  /** The receiver answered (any status: the caller decides what counts as delivered). */
  | { kind: "answered"; status: number; latencyMs: number; excerpt: string }
  /** Not sent: the URL or the address it resolves to is refused. */
  | { kind: "refused"; reason: string }
  /** Sent, or tried to, and no answer came: connection refused, reset, TLS, timeout. */
  | { kind: "failed"; reason: string; latencyMs: number };

export async function postSafely(options: PostOptions): Promise<PostOutcome> {
  const started = Date.now();
  const target = await resolveTarget(options.url, options.allowed, {
    ...(options.resolve ? { resolve: options.resolve } : {}),
    timeoutMs: options.timeoutMs,
  });
  if (!target.ok) {
    // A name that did not resolve was not refused by policy: it is a failure like a refused connection.
    return target.kind === "refused"
      ? { kind: "refused", reason: target.privateAddress ? `refused: ${target.reason}` : target.reason }
      : { kind: "failed", reason: target.reason, latencyMs: Date.now() - started };
  }
  const remaining = Math.max(1, options.timeoutMs - (Date.now() - started));
  return send(target, options, remaining, started);
}

/** The request's DNS lookup, answering with the address that was checked and nothing else. */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function send(
  target: Extract<Target, { ok: true }>,
  options: PostOptions,
  timeoutMs: number,
  started: number,
): Promise<PostOutcome> {
  const { url, host } = target;
  const secure = url.protocol === "https:";
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const fail = (reason: string) => finish({ kind: "failed", reason, latencyMs: Date.now() - started });
    const request = (secure ? https : http).request({
      method: "POST",
      hostname: host,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers: { ...options.headers, host: url.host, "content-length": String(Buffer.byteLength(options.body)) },
      // A fresh connection each time: a pooled one would be keyed by host, not by the address checked here.
      agent: false,
      lookup: pinnedLookup(target.address),
      ...(secure && !isIP(host) ? { servername: host } : {}),
    });
    const timer = setTimeout(() => {
      fail(`timed out after ${spoken(options.timeoutMs)}`);
      request.destroy();
    }, timeoutMs);
    const onAbort = () => {
      fail("cancelled");
      request.destroy();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => fail(errorText(error)));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, options.excerptBytes).toString("utf8");
        finish({
          kind: "answered",
          status: response.statusCode ?? 0,
          latencyMs: Date.now() - started,
          // PostgreSQL text cannot hold NUL; a receiver's answer is only a debugging aid anyway.
          excerpt: excerpt.replaceAll("\u0000", ""),
        });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        if (kept < options.excerptBytes) chunks.push(chunk);
        kept += chunk.length;
        if (kept >= options.excerptBytes) done();
      });
      response.on("end", done);
      response.on("error", done);
    });
    request.end(options.body);
  });
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${spoken(ms)}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** 10000 -> "10 s", 500 -> "500 ms". */
const spoken = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "connection timed out",
  EPIPE: "connection closed",
};

function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ERROR_WORDS[code]) return ERROR_WORDS[code];
  return error instanceof Error ? error.message : String(error);
}
