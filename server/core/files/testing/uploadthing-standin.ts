/**
 * A local stand-in for uploadthing's servers (ingest, API and the ufs file host on one port), speaking the subset of
 * uploadthing 7.7.4's protocol that the real `uploadthing` server code and its browser client use
 * (/tmp/atrium/uploadthing-research.md has the protocol, with citations):
 *
 * - `POST /route-metadata` (our route registers an upload), `HEAD`/`PUT /<key>?<signed>` (the browser uploads),
 *   then the signed callback to our route and `POST /callback-result` (our onUploadComplete's answer, which the PUT
 *   waits for and returns as `serverData`); in dev mode the callback goes down the open route-metadata stream.
 * - `POST /v6/deleteFiles` (UTApi), and `GET /f/<key>` or `/a/<appId>/<key>` with Range (the ufs host).
 *
 * Every signature is checked as uploadthing would, so a bug in how we sign or verify fails the tests: upload URLs,
 * callbacks (signed here, verified by our route), the API key, and download URLs. Files are private by default (as
 * an app whose uploadthing ACL is private): downloads need a URL signed with the app's key, as ours are.
 *
 * Standalone, for Playwright: `tsx server/core/files/testing/uploadthing-standin.ts --port 4010` prints the env to
 * give the app as one JSON line, and serves until it is stopped.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export interface StandinOptions {
  apiKey?: string;
  appId?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The ACL of uploads whose signed URL names none. */
  acl?: "private" | "public-read";
  /** Our route's URL, if it should be pinned (UPLOADTHING_CALLBACK_URL); uploadthing derives it otherwise. */
  callbackUrl?: string;
  /** How long a PUT waits for our route's `/callback-result` before it fails (a hung callback fails, not hangs). */
  callbackTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface StoredBlob {
  bytes: Buffer;
  name: string;
  /** What the uploader claimed: uploadthing does not check it, and neither does this. */
  type: string;
  acl: string;
}

export interface Standin {
  /** `http://127.0.0.1:<port>`: ingest, API and file host. */
  url: string;
  /** The env to give the app (and its UTApi) so it talks to this stand-in. */
  env: Record<string, string>;
  stored(key: string): StoredBlob | undefined;
  /** Whether downloads answer Range requests; false acts as a host that sends the whole file instead. */
  ranges: boolean;
  /** Keys our server asked to delete, in order (whether or not they were stored). */
  deleted: string[];
  /** Method, path and status of every request, for tests that check what reached uploadthing. */
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

interface Registration {
  fileKeys: string[];
  metadata: unknown;
  isDev: boolean;
  callbackUrl: string;
  callbackSlug: string;
  awaitServerData: boolean;
}

/** The UPLOADTHING_TOKEN uploadthing decodes: base64 of `{ apiKey, appId, regions }`. */
export function uploadthingToken(apiKey: string, appId: string): string {
  return Buffer.from(JSON.stringify({ apiKey, appId, regions: ["local1"] })).toString("base64");
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, PUT, POST, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "x-ut-range-start, content-range, content-length",
};

export async function startUploadthingStandin(options: StandinOptions = {}): Promise<Standin> {
  const apiKey = options.apiKey ?? "sk_test_atrium_standin";
  const appId = options.appId ?? "atriumstandin";
  const log = options.log ?? (() => {});
  const timeout = options.callbackTimeoutMs ?? 10_000;
  const blobs = new Map<string, StoredBlob>();
  const registrations = new Map<string, Registration>();
  const devStreams = new Map<string, { res: http.ServerResponse; left: Set<string> }>();
  const waiters = new Map<string, (result: { callbackData?: unknown; error?: string }) => void>();
  const deleted: string[] = [];
  const requests: Standin["requests"] = [];
  let base = "";
  let ranges = true;

  const sign = (payload: string) => `hmac-sha256=${createHmac("sha256", apiKey).update(payload).digest("hex")}`;
  const same = (a: string, b: string) => {
    const [x, y] = [Buffer.from(a, "utf8"), Buffer.from(b, "utf8")];
    return x.length === y.length && timingSafeEqual(x, y);
  };

  /** A URL signed by uploadthing's `generateSignedURL`: HMAC of everything before `&signature=`, and not expired. */
  function signedUrlProblem(req: http.IncomingMessage): string | null {
    const full = `http://${req.headers.host}${req.url}`;
    const at = full.lastIndexOf("&signature=");
    if (at < 0) return "no signature";
    const expires = Number(new URL(full).searchParams.get("expires"));
    if (!Number.isFinite(expires) || expires < Date.now()) return "expired";
    return same(decodeURIComponent(full.slice(at + "&signature=".length)), sign(full.slice(0, at)))
      ? null
      : "bad signature";
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
    res.writeHead(status, { "content-type": "application/json", ...CORS, ...headers });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Sends the signed callback for a stored upload, the way uploadthing's servers do in production or dev mode. */
  function callBack(key: string, registration: Registration, file: Record<string, unknown>) {
    const payload = JSON.stringify({ status: "uploaded", metadata: registration.metadata, file, origin: base });
    const signature = sign(payload);
    if (registration.isDev) {
      const stream = devStreams.get(key);
      stream?.res.write(`${JSON.stringify({ payload, signature, hook: "callback" })}\n`);
      stream?.left.delete(key);
      if (stream && stream.left.size === 0) stream.res.end();
      return;
    }
    const url = new URL(registration.callbackUrl);
    url.searchParams.set("slug", registration.callbackSlug);
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "uploadthing-hook": "callback",
        "x-uploadthing-signature": signature,
      },
      body: payload,
    }).then(
      async (res) => {
        const text = await res.text();
        log(`callback answered ${res.status} ${text.slice(0, 200)}`);
        // Our route refused the callback (a bad signature, say): the upload fails rather than waiting.
        if (!res.ok) waiters.get(key)?.({ error: `callback refused: ${res.status} ${text.slice(0, 200)}` });
      },
      (error: unknown) => waiters.get(key)?.({ error: `callback failed: ${String(error)}` }),
    );
  }

  async function put(req: http.IncomingMessage, res: http.ServerResponse, key: string) {
    const problem = signedUrlProblem(req);
    if (problem) return send(res, 403, { error: problem });
    const params = new URL(req.url ?? "/", base).searchParams;
    // Values were encodeURIComponent'ed before URLSearchParams encoded them again.
    const param = (name: string) => {
      const raw = params.get(name);
      return raw === null ? null : decodeURIComponent(raw);
    };
    if (param("x-ut-identifier") !== appId) return send(res, 403, { error: "not this app's upload" });
    const body = await readBody(req);
    const form = await new Request("http://standin/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: new Uint8Array(body),
    }).formData();
    const part = form.get("file");
    if (!(part instanceof Blob)) return send(res, 400, { error: "no file part" });
    const bytes = Buffer.from(await part.arrayBuffer());
    if (bytes.length !== Number(param("x-ut-file-size")))
      return send(res, 400, { error: "size differs from the signed one" });
    const blob = {
      bytes,
      name: param("x-ut-file-name") ?? "file",
      type: param("x-ut-file-type") ?? "application/octet-stream",
      acl: param("x-ut-acl") ?? options.acl ?? "private",
    };
    blobs.set(key, blob);
    const ufsUrl = `${base}/f/${key}`;
    const file = {
      name: blob.name,
      size: bytes.length,
      type: blob.type,
      customId: param("x-ut-custom-id"),
      key,
      url: ufsUrl,
      appUrl: `${base}/a/${appId}/${key}`,
      ufsUrl,
      fileHash: createHash("md5").update(bytes).digest("hex"),
      lastModified: Date.now(),
    };
    // In dev mode our route registers in the background, so a PUT may arrive first: wait for it a little.
    const slug = param("x-ut-slug");
    for (let i = 0; slug && !registrations.has(key) && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    const registration = registrations.get(key);
    if (!registration) return send(res, 200, { ...file, serverData: null });
    const result = new Promise<{ callbackData?: unknown; error?: string }>((resolve) => {
      waiters.set(key, resolve);
      setTimeout(() => resolve({ error: "no callback result in time" }), timeout).unref();
    });
    callBack(key, registration, file);
    if (!registration.awaitServerData) return send(res, 200, { ...file, serverData: null });
    const { callbackData, error } = await result;
    waiters.delete(key);
    // uploadthing's client fails an upload whose PUT answer carries `error`.
    if (error) return send(res, 500, { error });
    send(res, 200, { ...file, serverData: callbackData ?? null });
  }

  /** The ufs file host: the stored bytes, a single `bytes=` range of them, signed URLs checked. */
  function download(req: http.IncomingMessage, res: http.ServerResponse, key: string) {
    const blob = blobs.get(key);
    if (!blob) return send(res, 404, { error: "not found" });
    const signed = new URL(req.url ?? "/", base).searchParams.has("signature");
    if (signed || blob.acl === "private") {
      const problem = signedUrlProblem(req);
      if (problem) return send(res, 403, { error: problem });
    }
    const size = blob.bytes.length;
    const headers = { "content-type": blob.type, "accept-ranges": "bytes", ...CORS };
    const match = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    if (!match || !ranges) {
      res.writeHead(200, { ...headers, "content-length": size });
      return res.end(req.method === "HEAD" ? undefined : blob.bytes);
    }
    const [, from = "", to = ""] = match;
    const start = from === "" ? Math.max(0, size - Number(to)) : Number(from);
    const end = from === "" || to === "" ? size - 1 : Math.min(Number(to), size - 1);
    if (start >= size || start > end) {
      res.writeHead(416, { ...headers, "content-range": `bytes */${size}` });
      return res.end();
    }
    res.writeHead(206, {
      ...headers,
      "content-range": `bytes ${start}-${end}/${size}`,
      "content-length": end - start + 1,
    });
    res.end(req.method === "HEAD" ? undefined : blob.bytes.subarray(start, end + 1));
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    const method = req.method ?? "GET";
    log(`${method} ${path}`);
    if (method === "OPTIONS") {
      res.writeHead(204, CORS);
      return res.end();
    }
    const api =
      method === "POST" && (path === "/route-metadata" || path === "/callback-result" || path.startsWith("/v6/"));
    if (api && req.headers["x-uploadthing-api-key"] !== apiKey) return send(res, 401, { error: "bad api key" });

    if (method === "POST" && path === "/route-metadata") {
      const registration = JSON.parse((await readBody(req)).toString("utf8")) as Registration;
      for (const key of registration.fileKeys) registrations.set(key, registration);
      if (!registration.isDev) return send(res, 200, { ok: true });
      // Dev mode: a stream of JSON lines, one callback per uploaded file, ended when all have arrived.
      res.writeHead(200, { "content-type": "text/plain" });
      res.flushHeaders();
      const stream = { res, left: new Set(registration.fileKeys) };
      for (const key of registration.fileKeys) devStreams.set(key, stream);
      return;
    }
    if (method === "POST" && path === "/callback-result") {
      const result = JSON.parse((await readBody(req)).toString("utf8")) as { fileKey: string; callbackData?: unknown };
      waiters.get(result.fileKey)?.({ callbackData: result.callbackData });
      return send(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/v6/deleteFiles") {
      const { fileKeys = [] } = JSON.parse((await readBody(req)).toString("utf8")) as { fileKeys?: string[] };
      let count = 0;
      for (const key of fileKeys) {
        deleted.push(key);
        if (blobs.delete(key)) count++;
      }
      return send(res, 200, { success: true, deletedCount: count });
    }
    const file = /^\/(?:f|a\/([^/]+))\/([^/]+)$/.exec(path);
    if ((method === "GET" || method === "HEAD") && file) {
      if (file[1] !== undefined && file[1] !== appId) return send(res, 404, { error: "no such app" });
      return download(req, res, file[2] as string);
    }
    const ingest = /^\/([^/]+)$/.exec(path);
    if (ingest && method === "HEAD") {
      res.writeHead(200, { "x-ut-range-start": "0", ...CORS });
      return res.end();
    }
    if (ingest && method === "PUT") return put(req, res, ingest[1] as string);
    send(res, 404, { error: `unknown ${method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    res.on("finish", () => {
      requests.push({ method: req.method ?? "", path: (req.url ?? "").split("?")[0] ?? "", status: res.statusCode });
    });
    route(req, res).catch((error: unknown) => {
      log(`failed: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    env: {
      UPLOADTHING_TOKEN: uploadthingToken(apiKey, appId),
      UPLOADTHING_INGEST_URL: base,
      UPLOADTHING_API_URL: base,
      // UTApi signs ufs URLs as http only for a host containing "local"; path style needs no *.localhost DNS.
      UPLOADTHING_UFS_HOST: `localhost:${port}`,
      UPLOADTHING_UFS_APP_ID_LOCATION: "path",
      UPLOADTHING_IS_DEV: "false",
      ...(options.callbackUrl ? { UPLOADTHING_CALLBACK_URL: options.callbackUrl } : {}),
    },
    stored: (key) => blobs.get(key),
    get ranges() {
      return ranges;
    },
    set ranges(value) {
      ranges = value;
    },
    deleted,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res } of devStreams.values()) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `--port 4010 --callback-url http://localhost:3000/api/uploadthing --acl public-read --verbose` */
async function main(argv: string[]) {
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const acl = flag("acl");
  const standin = await startUploadthingStandin({
    port: Number(flag("port") ?? 0),
    ...(flag("callback-url") ? { callbackUrl: flag("callback-url") } : {}),
    ...(acl === "private" || acl === "public-read" ? { acl } : {}),
    ...(argv.includes("--verbose") ? { log: (line: string) => console.error(`[uploadthing stand-in] ${line}`) } : {}),
  });
  console.log(JSON.stringify(standin.env));
  const stop = () => void standin.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
