/**
 * `npm run bench:files [-- --files 100 --megabytes 1 --rounds 3 --big 200]`
 *
 * Files through the engine on a throwaway embedded PostgreSQL and a temporary uploads folder, in one run:
 * - upload throughput: N files of M MB through the local adapter's upload handler (streamed to disk, size-bounded,
 *   type sniffed, ledger row written) against a plain `fs.writeFile` of the same bytes, in alternating rounds;
 * - thumbnail latency for a 4000x3000 JPEG: the first request (decode, resize, encode, cache) and cached ones;
 * - memory: peak RSS above the baseline while one file of `--big` MB streams in (it must stay flat: streams, never
 *   whole files in memory).
 * The handler runs in-process (no HTTP parsing), as bench:write does; what it measures is the engine's own work.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { flagsOrExit, say } from "./support/cli";
import { inProcessBench } from "./support/in-process";

const USAGE = "usage: npm run bench:files -- [--files 100] [--megabytes 1] [--rounds 3] [--big 200]";
const { values } = flagsOrExit(
  () =>
    parseArgs({
      options: {
        files: { type: "string", default: "100" },
        megabytes: { type: "string", default: "1" },
        rounds: { type: "string", default: "3" },
        big: { type: "string", default: "200" },
      },
    }),
  USAGE,
);
const fileCount = Number(values.files);
const megabytes = Number(values.megabytes);
const rounds = Number(values.rounds);
const bigMegabytes = Number(values.big);
if (![fileCount, megabytes, rounds, bigMegabytes].every((n) => Number.isInteger(n) && n > 0)) {
  console.error(USAGE);
  process.exit(2);
}

const bench = inProcessBench("files");
const tempDir = bench.tempDir;
// Before any app module reads env(): uploads go to the temporary folder, never the app's .data/.
process.env.ATRIUM_DATA_DIR = tempDir;
process.env.FILES_MAX_SIZE = String((bigMegabytes + 1) * 1024 * 1024);
// Uploads here are never attached; the bound on one user's unattached uploads would stop the bench.
process.env.FILES_MAX_PENDING_PER_USER = "100000";

const { default: sharp } = await import("sharp");
const { createCaller } = await import("../server/router");
const { createContext } = await import("../server/trpc");
const { handleUpload } = await import("../server/core/files/upload");
const { parseFilePath, serveFile } = await import("../server/core/files/serve");
const { resources } = await import("../server/resources");

/** A body that streams `bytes` from one reused chunk: the bench itself holds no file in memory. */
function streamOf(bytes: number, chunk: Uint8Array): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += part.length;
      controller.enqueue(part);
    },
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

await bench.run(async () => {
  await mkdir(tempDir, { recursive: true });
  const { handle, db, actor } = await bench.start({
    poolMax: 10,
    admin: { name: "Bench Uploader", email: "files@example.com" },
  });
  const posts = resources.posts;
  // Attachments take any type; the bench lifts its size limit to the big file's (FILES_MAX_SIZE above).
  const target = {
    resource: posts,
    field: "attachments",
    options: { maxSize: bigMegabytes * 1024 * 1024 + 1024 },
    label: "Attachments",
  };
  const upload = (body: ReadableStream<Uint8Array> | Uint8Array, size: number) =>
    handleUpload(
      new Request("http://bench/api/files/upload", {
        method: "POST",
        body,
        headers: { "content-length": String(size), "x-file-name": "bench.bin" },
        duplex: "half",
      } as RequestInit),
      db,
      actor,
      target,
    );

  const size = megabytes * 1024 * 1024;
  const payloads = Array.from({ length: 4 }, () => new Uint8Array(randomBytes(size)));
  const plainDir = path.join(tempDir, "plain");
  await mkdir(plainDir, { recursive: true });
  const sides = {
    engine: { seconds: 0, files: 0, latencies: [] as number[] },
    plain: { seconds: 0, files: 0, latencies: [] as number[] },
  };
  const runEngine = async () => {
    const t0 = performance.now();
    for (let i = 0; i < fileCount; i++) {
      const t = performance.now();
      const res = await upload(payloads[i % payloads.length] as Uint8Array, size);
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      sides.engine.latencies.push(performance.now() - t);
    }
    sides.engine.seconds += (performance.now() - t0) / 1000;
    sides.engine.files += fileCount;
  };
  const runPlain = async (round: number) => {
    const t0 = performance.now();
    for (let i = 0; i < fileCount; i++) {
      const t = performance.now();
      await writeFile(path.join(plainDir, `${round}-${i}`), payloads[i % payloads.length] as Uint8Array);
      sides.plain.latencies.push(performance.now() - t);
    }
    sides.plain.seconds += (performance.now() - t0) / 1000;
    sides.plain.files += fileCount;
  };
  say(`warming up`);
  for (let i = 0; i < 5; i++) await upload(payloads[0] as Uint8Array, size);
  for (let r = 0; r < rounds; r++) {
    await runEngine();
    await runPlain(r);
    say(`round ${r + 1}/${rounds}: ${fileCount} x ${megabytes} MB each side`);
  }

  say("thumbnails: a 4000x3000 JPEG");
  const jpeg = await sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: { r: 90, g: 140, b: 200 },
      noise: { type: "gaussian", mean: 128, sigma: 20 },
    },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
  const caller = createCaller(createContext({ db, actor }));
  const coverTarget = {
    resource: posts,
    field: "cover",
    options: { accept: ["image/*"], maxSize: 50 * 1024 * 1024 },
    label: "Cover",
  };
  const coverRes = await handleUpload(
    new Request("http://bench/api/files/upload", {
      method: "POST",
      body: new Uint8Array(jpeg),
      headers: { "x-file-name": "photo.jpg" },
    }),
    db,
    actor,
    coverTarget,
  );
  const cover = (await coverRes.json()) as { id: string; name: string };
  const post = await caller.posts.create({
    title: "Bench cover post",
    body: "A post with a large cover.",
    status: "published",
    cover: cover.id,
  });
  const thumbPath = `posts/${post.id}/cover/${cover.id}/photo.jpg`;
  const thumbOnce = async () => {
    const request = parseFilePath(thumbPath.split("/"), new URLSearchParams({ thumb: "400x225" }));
    if (!request) throw new Error("bad path");
    const t = performance.now();
    const res = await serveFile(
      new Request(`http://bench/api/files/${thumbPath}?thumb=400x225`),
      db,
      { kind: "anonymous" },
      resources,
      request,
    );
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`thumb answered ${res.status}`);
    return performance.now() - t;
  };
  const first = await thumbOnce();
  const cached: number[] = [];
  for (let i = 0; i < 50; i++) cached.push(await thumbOnce());
  cached.sort((a, b) => a - b);

  say(`memory: one ${bigMegabytes} MB upload, streamed`);
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const chunk = new Uint8Array(randomBytes(256 * 1024));
  const bigBytes = bigMegabytes * 1024 * 1024;
  const t0 = performance.now();
  const bigRes = await upload(streamOf(bigBytes, chunk), bigBytes);
  const bigSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (bigRes.status !== 201) throw new Error(`big upload answered ${bigRes.status}: ${await bigRes.text()}`);
  const [version] = await handle.sql`select current_setting('server_version') as v`;

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${version?.v}`,
  );
  console.log(`load: ${rounds} alternating rounds of ${fileCount} files x ${megabytes} MB per side, one at a time\n`);
  const header = `${"side".padEnd(26)}| ${"MB/s".padStart(7)} | ${"files/s".padStart(7)} | ${"p50 ms".padStart(7)} | ${"p99 ms".padStart(7)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const [name, side] of [
    ["engine upload (local)", sides.engine],
    ["plain fs.writeFile", sides.plain],
  ] as const) {
    const sorted = [...side.latencies].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(26)}| ${((side.files * megabytes) / side.seconds).toFixed(1).padStart(7)} | ${(side.files / side.seconds).toFixed(1).padStart(7)} | ${percentile(sorted, 50).toFixed(2).padStart(7)} | ${percentile(sorted, 99).toFixed(2).padStart(7)}`,
    );
  }
  const ratio = sides.engine.files / sides.engine.seconds / (sides.plain.files / sides.plain.seconds);
  console.log(`\nratio engine/plain: ${ratio.toFixed(2)}x MB/s`);
  console.log(
    `thumbnail 400x225 of a 4000x3000 JPEG (${mb(jpeg.length)} MB): first ${first.toFixed(0)} ms, cached p50 ${percentile(cached, 50).toFixed(2)} ms, p99 ${percentile(cached, 99).toFixed(2)} ms`,
  );
  console.log(
    `${bigMegabytes} MB upload: ${(bigMegabytes / bigSeconds).toFixed(1)} MB/s; RSS baseline ${mb(baseline)} MB, peak ${mb(peak)} MB (+${mb(peak - baseline)} MB)`,
  );
});
