/**
 * One subscriber process of `npm run bench:live`: holds its share of the SSE streams (node:http, one socket each, no
 * pooling limit), records when each message arrives, and matches arrivals to the writes the coordinator announces.
 * Arrivals may come before the announcement (a create's id is known only when its HTTP response returns), so they
 * wait in `pending` until then. The subscribers are spread over several such processes so that one event loop's
 * parsing is not what the bench measures.
 */
import http from "node:http";
import { Histogram } from "./histogram";
import { openFilesLimit } from "./proc";
import { type FromWorker, mayRead, monotonicMs, type OpenRequest, type ToWorker, type WorkerResult } from "./protocol";
import { type SseEvent, SseReader } from "./sse";

const OPEN_TIMEOUT_MS = 180_000;
const MAX_REASONS = 5;

interface Stream {
  reader: number;
  ready: boolean;
  open: boolean;
  request?: http.ClientRequest;
}

interface Expected {
  sentAt: number;
  audience: number;
  /** Arrivals per subscriber (saturating), to tell missing and duplicate deliveries apart. */
  arrivals: Uint8Array;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const streams: Stream[] = [];
const reasons: string[] = [];
const expected = new Map<string, Expected>();
const pending = new Map<string, [number, number][]>();
const histogram = new Histogram();
let failed = 0;
let expectedPairs = 0;
let delivered = 0;
let duplicates = 0;
let unexpected = 0;
let maxMs = 0;
let firstAt = Number.POSITIVE_INFINITY;
let lastAt = 0;
let cpuAtStart = process.cpuUsage();

const send = (message: FromWorker) => process.send?.(message);

function fail(reason: string) {
  failed++;
  if (reasons.length < MAX_REASONS && !reasons.includes(reason)) reasons.push(reason);
}

/** Message key of a change: `create:<id>` / `update:<id>`; for the engine the payload is superjson (`{ json }`). */
function changeOf(data: string): { action: string; key: string } | undefined {
  try {
    const parsed = JSON.parse(data) as { json?: unknown; action?: unknown; id?: unknown };
    const message = (parsed.json ?? parsed) as { action?: unknown; id?: unknown };
    if (typeof message.action !== "string") return undefined;
    return { action: message.action, key: `${message.action}:${String(message.id)}` };
  } catch {
    return undefined;
  }
}

function arrive(index: number, key: string, at: number) {
  lastAt = Math.max(lastAt, at);
  firstAt = Math.min(firstAt, at);
  const write = expected.get(key);
  if (!write) {
    const list = pending.get(key) ?? [];
    list.push([index, at]);
    pending.set(key, list);
    return;
  }
  const before = write.arrivals[index] ?? 0;
  write.arrivals[index] = Math.min(255, before + 1);
  const stream = streams[index];
  if (!stream || !mayRead(stream.reader, write.audience)) unexpected++;
  else if (before > 0) duplicates++;
  else {
    const ms = at - write.sentAt;
    histogram.add(ms);
    maxMs = Math.max(maxMs, ms);
    delivered++;
  }
}

function openOne(spec: OpenRequest, index: number): Promise<void> {
  const subscriber = spec.subscribers[index];
  const stream: Stream = { reader: subscriber?.reader ?? 0, ready: false, open: false };
  streams[index] = stream;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (reason) fail(reason);
      resolve();
    };
    const onEvent = (event: SseEvent) => {
      const at = monotonicMs();
      if (event.event === "ready") return markReady();
      if (event.event === "serialized-error") return settle(`stream error: ${event.data.slice(0, 200)}`);
      if (event.event !== "message") return; // connected, ping
      const change = changeOf(event.data);
      if (!change) return;
      if (change.action === "ready") return markReady();
      arrive(index, change.key, at);
    };
    const markReady = () => {
      stream.ready = true;
      stream.open = true;
      settle();
    };
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (subscriber?.authorization) headers.authorization = subscriber.authorization;
    const request = http.get({ host: "127.0.0.1", port: spec.port, path: spec.path, agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return settle(`HTTP ${res.statusCode}`);
      }
      const sse = new SseReader(onEvent);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => sse.feed(chunk));
      res.on("close", () => {
        stream.open = false;
        settle("stream closed before ready");
      });
    });
    stream.request = request;
    request.on("error", (error) => {
      stream.open = false;
      settle(error.message);
    });
    const timer = setTimeout(() => {
      request.destroy();
      settle(`no ready within ${OPEN_TIMEOUT_MS / 1000} s`);
    }, OPEN_TIMEOUT_MS);
  });
}

async function openAll(spec: OpenRequest) {
  const started = monotonicMs();
  let next = 0;
  const lane = async () => {
    while (next < spec.subscribers.length) await openOne(spec, next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, spec.concurrency) }, lane));
  const ready = streams.filter((s) => s.ready).length;
  send({ type: "opened", ready, failed, seconds: (monotonicMs() - started) / 1000 });
}

function expect(key: string, sentAt: number, audience: number) {
  const write: Expected = { sentAt, audience, arrivals: new Uint8Array(streams.length) };
  expected.set(key, write);
  for (const stream of streams) if (stream.ready && mayRead(stream.reader, audience)) expectedPairs++;
  const early = pending.get(key);
  pending.delete(key);
  for (const [index, at] of early ?? []) arrive(index, key, at);
}

function result(): WorkerResult {
  let missing = 0;
  for (const write of expected.values()) {
    for (const [index, stream] of streams.entries()) {
      if (stream.ready && mayRead(stream.reader, write.audience) && write.arrivals[index] === 0) missing++;
    }
  }
  for (const list of pending.values()) unexpected += list.length;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    ready: streams.filter((s) => s.ready).length,
    open: streams.filter((s) => s.open).length,
    failed,
    reasons,
    expected: expectedPairs,
    delivered,
    missing,
    duplicates,
    unexpected,
    histogram: histogram.pairs(),
    maxMs,
    firstAt: Number.isFinite(firstAt) ? firstAt : 0,
    lastAt,
    cpuMs: (cpu.user + cpu.system) / 1000,
    fdLimit: openFilesLimit("self"),
  };
}

process.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "open":
      void openAll(message);
      break;
    case "start":
      cpuAtStart = process.cpuUsage();
      break;
    case "expect":
      expect(message.key, message.sentAt, message.audience);
      break;
    case "progress":
      send({ type: "progress", expected: expectedPairs, received: delivered });
      break;
    case "finish":
      send({ type: "result", ...result() });
      break;
  }
});

// The coordinator going away (Ctrl-C, a crash) ends this process and its sockets with it.
process.on("disconnect", () => {
  for (const stream of streams) stream.request?.destroy();
  agent.destroy();
  process.exit(0);
});
