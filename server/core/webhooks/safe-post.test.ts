/**
 * The private-network guard on real sockets: loopback, link-local and IPv6 loopback addresses are refused before any
 * connection, so is a name that resolves to loopback (through the system's resolver and through one of the test's),
 * and a name is resolved once and the connection pinned to the address checked (DNS rebinding). Against a local
 * receiver, allowed through the allow-list: the answer is read only up to the excerpt, redirects are not followed,
 * and a receiver that never answers is cut off at the deadline.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNetworks } from "./address";
import { type PostOptions, postSafely, type Resolver } from "./safe-post";

let server: Server;
let port = 0;
const seen: { host: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    seen.push({ host: req.headers.host, body });
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(1_000_000));
    } else if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    } else if (req.url === "/silent") {
      // Never answers: the caller's deadline must end it.
    } else if (req.url === "/nul") {
      res.writeHead(500).end("bad\u0000answer");
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on("end", () => resolve(text));
  });
}

const loopbackAllowed = parseNetworks("127.0.0.1/32").networks;
const post = (url: string, more: Partial<PostOptions> = {}) =>
  postSafely({
    url,
    body: '{"hello":"world"}',
    headers: { "content-type": "application/json" },
    allowed: [],
    timeoutMs: 2_000,
    excerptBytes: 1_024,
    ...more,
  });

describe("refused before connecting", () => {
  it.each([
    ["http://127.0.0.1/", "127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"],
    ["http://[::1]/", "::1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]/", "is a loopback address"],
    ["http://10.0.0.8:8080/hook", "10.0.0.8 is a private address"],
    ["http://0.0.0.0/", "0.0.0.0 is an unspecified address"],
  ])("%s", async (url, reason) => {
    const before = seen.length;
    const outcome = await post(url.replace("127.0.0.1/", `127.0.0.1:${port}/`));
    expect(outcome.kind).toBe("refused");
    expect(outcome.kind === "refused" && outcome.reason).toContain(reason);
    expect(seen.length).toBe(before);
  });

  it("a name the system resolves to loopback (localhost)", async () => {
    const outcome = await post(`http://localhost:${port}/`);
    expect(outcome).toEqual({
      kind: "refused",
      reason: expect.stringMatching(/^refused: localhost resolves to a loopback address/),
    });
  });

  it("a name a resolver answers with loopback, or with one private address among public ones", async () => {
    const resolve: Resolver = async (host) =>
      host === "internal.example"
        ? [{ address: "127.0.0.1", family: 4 }]
        : [
            { address: "93.184.215.14", family: 4 },
            { address: "10.0.0.1", family: 4 },
          ];
    expect(await post(`http://internal.example:${port}/`, { resolve })).toMatchObject({ kind: "refused" });
    expect(await post("http://mixed.example/", { resolve })).toEqual({
      kind: "refused",
      reason: "refused: mixed.example resolves to a private address (10.0.0.1)",
    });
  });

  it.each([
    ["ftp://example.com/", "must start with http:// or https://"],
    ["http://user:secret@example.com/", "must not contain a user name or password"],
    ["http://example.com/#x", "must not contain a #fragment"],
    ["not a url", "is not a valid URL"],
  ])("a URL of the wrong form: %s", async (url, reason) => {
    const outcome = await post(url);
    expect(outcome.kind === "refused" && outcome.reason).toContain(reason);
  });
});

describe("through the allow-list, to a local receiver", () => {
  it("posts the body and reads the answer", async () => {
    const outcome = await post(`http://127.0.0.1:${port}/hook`, { allowed: loopbackAllowed });
    expect(outcome).toMatchObject({ kind: "answered", status: 200, excerpt: '{"ok":true}' });
    expect(seen.at(-1)?.body).toBe('{"hello":"world"}');
  });

  it("pins the connection to the address it checked: a name resolved once, even if it would rebind", async () => {
    let lookups = 0;
    // Checked as 127.0.0.1 (allowed); any later lookup would answer the metadata service.
    const rebinding: Resolver = async () =>
      ++lookups === 1 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }];
    const outcome = await post(`http://rebind.example:${port}/hook`, { allowed: loopbackAllowed, resolve: rebinding });
    expect(outcome).toMatchObject({ kind: "answered", status: 200 });
    expect(lookups).toBe(1);
    expect(seen.at(-1)?.host).toBe(`rebind.example:${port}`);
  });

  it("keeps only the excerpt of a large answer, and strips NUL bytes", async () => {
    const big = await post(`http://127.0.0.1:${port}/big`, { allowed: loopbackAllowed });
    expect(big.kind === "answered" && big.excerpt.length).toBe(1_024);
    const nul = await post(`http://127.0.0.1:${port}/nul`, { allowed: loopbackAllowed });
    expect(nul).toMatchObject({ kind: "answered", status: 500, excerpt: "badanswer" });
  });

  it("does not follow a redirect", async () => {
    const outcome = await post(`http://127.0.0.1:${port}/redirect`, { allowed: loopbackAllowed });
    expect(outcome).toMatchObject({ kind: "answered", status: 302 });
  });

  it("gives up on a receiver that never answers, at the deadline", async () => {
    const started = Date.now();
    const outcome = await post(`http://127.0.0.1:${port}/silent`, { allowed: loopbackAllowed, timeoutMs: 500 });
    expect(outcome).toMatchObject({ kind: "failed", reason: "timed out after 500 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a closed port as a failure, not a refusal", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await post(`http://127.0.0.1:${closedPort}/`, { allowed: loopbackAllowed });
    expect(outcome).toMatchObject({ kind: "failed", reason: "connection refused" });
  });
});
