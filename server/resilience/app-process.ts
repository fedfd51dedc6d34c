/**
 * The app's request handlers in a process of their own, so a test can SIGKILL it mid-write: /api/trpc and
 * /api/health, the very route modules Next serves, behind a plain node:http server. Nothing of the app is replaced;
 * only Next's own HTTP layer is left out, which has no say in what a write commits.
 *
 *   node --conditions=react-server --import tsx server/resilience/app-process.ts
 *
 * with DATABASE_URL set. Prints `listening <port>` once it accepts connections (the port is the OS's choice).
 */
import http from "node:http";
import * as health from "@/app/api/health/route";
import * as trpc from "@/app/api/trpc/[trpc]/route";

type Handler = (req: Request) => Promise<Response>;

function handlerFor(method: string, pathname: string): Handler | undefined {
  if (pathname === "/api/health" && method === "GET") return () => health.GET();
  if (!pathname.startsWith("/api/trpc/")) return undefined;
  if (method === "GET") return trpc.GET;
  if (method === "POST") return trpc.POST;
  if (method === "OPTIONS") return trpc.OPTIONS;
  return undefined;
}

async function toRequest(req: http.IncomingMessage, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const chunks: Buffer[] = [];
  if (method !== "GET" && method !== "HEAD") for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    signal,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function respond(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers.push([name, value]);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push(["set-cookie", cookie]);
  res.writeHead(response.status, headers.flat());
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) res.write(next.value);
  res.end();
}

const server = http.createServer((req, res) => {
  const controller = new AbortController();
  // The client went away before the answer was written (a closed stream, a killed load generator).
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const url = new URL(req.url ?? "/", "http://localhost");
  const handler = handlerFor(req.method ?? "GET", url.pathname);
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  toRequest(req, controller.signal)
    .then(handler)
    .then((response) => respond(res, response))
    .catch((error: unknown) => {
      console.error("[app-process] request failed:", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address) console.log(`listening ${address.port}`);
});
