/**
 * A webhook receiver for tests and browser specs: an HTTP server on 127.0.0.1 (reach it through the allow-list,
 * WEBHOOKS_ALLOW_PRIVATE=127.0.0.1/32) that records every request and answers each path from a script of statuses.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, byte for byte as sent (what a signature is checked against). */
  body: string;
  status: number;
}

export interface Receiver {
  /** `http://127.0.0.1:<port><path>` */
  url(path?: string): string;
  received: Received[];
  /** Answers the next requests to `path` with these statuses in turn, then with the last one. */
  script(path: string, statuses: number[]): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const script = scripts.get(path) ?? [200];
      const status = (script.length > 1 ? script.shift() : script[0]) ?? 200;
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : `failing with ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    received,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
