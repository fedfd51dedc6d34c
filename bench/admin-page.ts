/**
 * The admin's posts page as a browser opens it, for `bench:list` (README.md): signed in as an admin (the real
 * Auth.js credentials form: CSRF token, then the callback), one visit is the server render of `/admin/posts`, then
 * the first data the table asks for (`posts.meta`, then `posts.list` with the input the table builds from it,
 * components/table/table-input.ts). Visits run one after another, so each figure is one person's wait.
 */
import superjson, { type SuperJSONResult } from "superjson";
import { buildSpec } from "../components/table/spec";
import { tableListInput } from "../components/table/table-input";
import { decodeTableState } from "../components/table/url-state";
import type { ResourceDescriptor } from "../server/core/meta";

export interface Answer {
  status: number;
  body: string;
  cookies: string[];
}
/** One request to the bench's server: path, then headers (and a form body for a POST). */
export type Fetcher = (
  path: string,
  init?: { headers?: Record<string, string>; form?: URLSearchParams },
) => Promise<Answer>;

export interface AdminPageTimes {
  html: number[];
  meta: number[];
  list: number[];
  visit: number[];
  /** The table's list input, as sent. */
  input: unknown;
  /** What the first list answered for its totals. */
  totals: { totalItems: unknown; totalPages: unknown; totalEstimated: unknown };
}

const cookiePairs = (cookies: string[]) => cookies.map((line) => line.split(";")[0] ?? "").filter(Boolean);

/** The session cookie of a credentials sign-in, as the sign-in form gets it. */
export async function signIn(fetcher: Fetcher, email: string, password: string): Promise<string> {
  const csrf = await fetcher("/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = cookiePairs(csrf.cookies);
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/admin" });
  const answer = await fetcher("/api/auth/callback/credentials", { headers: { cookie: jar.join("; ") }, form });
  const session = cookiePairs(answer.cookies).filter((pair) => pair.includes("authjs.session-token"));
  if (session.length === 0) throw new Error(`admin sign-in failed: ${answer.status} ${answer.body.slice(0, 200)}`);
  return session.join("; ");
}

function trpcData<T>(answer: Answer, what: string): T {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const envelope = JSON.parse(answer.body) as { result?: { data?: SuperJSONResult } };
  if (!envelope.result?.data) throw new Error(`${what}: no result.data in ${answer.body.slice(0, 300)}`);
  return superjson.deserialize<T>(envelope.result.data);
}

const trpcPath = (procedure: string, input?: unknown) =>
  input === undefined
    ? `/api/trpc/${procedure}`
    : `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;

/** `visits` timed visits after `warmup` untimed ones. */
export async function measureAdminPage(
  fetcher: Fetcher,
  cookie: string,
  visits: number,
  warmup: number,
): Promise<AdminPageTimes> {
  const headers = { cookie };
  const times: AdminPageTimes = {
    html: [],
    meta: [],
    list: [],
    visit: [],
    input: undefined,
    totals: { totalItems: undefined, totalPages: undefined, totalEstimated: undefined },
  };
  for (let i = 0; i < warmup + visits; i++) {
    const t0 = performance.now();
    const page = await fetcher("/admin/posts", { headers });
    if (page.status !== 200 || !page.body.includes("</html>")) {
      throw new Error(`/admin/posts answered ${page.status}: ${page.body.slice(0, 300)}`);
    }
    const t1 = performance.now();
    const meta = trpcData<ResourceDescriptor>(await fetcher(trpcPath("posts.meta"), { headers }), "posts.meta");
    const t2 = performance.now();
    const spec = buildSpec(meta);
    const input = tableListInput(decodeTableState("", spec), spec);
    const list = trpcData<{ items: unknown[] } & AdminPageTimes["totals"]>(
      await fetcher(trpcPath("posts.list", input), { headers }),
      "posts.list",
    );
    const t3 = performance.now();
    if (list.items.length !== input.perPage) throw new Error(`posts.list gave ${list.items.length} rows`);
    if (i < warmup) continue;
    times.html.push(t1 - t0);
    times.meta.push(t2 - t1);
    times.list.push(t3 - t2);
    times.visit.push(t3 - t0);
    times.input = input;
    times.totals = { totalItems: list.totalItems, totalPages: list.totalPages, totalEstimated: list.totalEstimated };
  }
  return times;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
