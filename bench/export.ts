/**
 * `npm run bench:export [-- --rows 100000,1000000 --sort=-createdAt --index]`
 *
 * The CSV export of posts, on a throwaway embedded PostgreSQL seeded with the largest row count asked for: for each
 * count, the whole export as the route streams it (keyset pages, csv-stringify, the response stream, read to its end
 * by a consumer), with rows/s, MB/s and the peak RSS above the baseline sampled every 20 ms. Constant memory shows as
 * the same peak for 100k and 1M rows. The export runs in-process as an admin (no HTTP parsing): what it measures is
 * the engine's own work, as bench:files does. `--index` adds an index matching the default order (posts has none on
 * created_at), to show what a keyset page costs when it can start at its cursor.
 */
import { parseArgs } from "node:util";
import { flagsOrExit, say } from "./support/cli";
import { inProcessBench } from "./support/in-process";

const USAGE = "usage: npm run bench:export -- [--rows 100000,1000000] [--sort=-createdAt] [--index]";
const { values } = flagsOrExit(
  () =>
    parseArgs({
      options: {
        rows: { type: "string", default: "100000,1000000" },
        sort: { type: "string", default: "" },
        index: { type: "boolean", default: false },
      },
    }),
  USAGE,
);
const counts = (values.rows ?? "").split(",").map(Number);
if (counts.length === 0 || !counts.every((n) => Number.isInteger(n) && n > 0 && n <= 10_000_000)) {
  console.error(USAGE);
  process.exit(2);
}
const largest = Math.max(...counts);
process.env.EXPORT_MAX_ROWS = String(largest);

const bench = inProcessBench("export");

const { sql } = await import("drizzle-orm");
const { prepareCsvExport } = await import("../server/core/export/csv-export");
const { resources } = await import("../server/resources");
const { streamOf } = await import("../server/ops/csv/http");

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

await bench.run(async () => {
  const { db, actor } = await bench.start({ poolMax: 4, admin: { name: "Bench Admin", email: "export@example.com" } });
  say(`seeding ${largest.toLocaleString("en")} posts…`);
  const seeded = performance.now();
  await db.execute(sql`
    insert into posts (title, slug, body, status, author_id, published_at, created_at)
    select 'Post number ' || g, 'post-' || g, 'A body with "quotes", commas, and a line
break, number ' || g, (case when g % 3 = 0 then 'draft' else 'published' end)::post_status, ${actor.user.id},
      case when g % 3 = 0 then null else now() - g * interval '1 minute' end, now() - g * interval '1 second'
    from generate_series(1, ${largest}) g`);
  if (values.index)
    await db.execute(sql`create index posts_created_export_idx on posts (created_at desc nulls last, id)`);
  await db.execute(sql`analyze posts`);
  say(`seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const sort = values.sort ? values.sort.split(",") : undefined;
  console.log("\nrows        seconds   rows/s     MB/s   CSV MB   peak RSS above baseline");
  for (const count of counts) {
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const csv = await prepareCsvExport(
      db,
      resources.posts,
      actor,
      { limit: count, ...(sort ? { sort } : {}) },
      largest,
    );
    const reader = streamOf(csv.chunks).getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    // Every row has one line break inside its body: two newlines a row, one for the header.
    const rows = (lines - 1) / 2;
    if (rows !== count) throw new Error(`exported ${rows} rows, expected ${count}`);
    console.log(
      `${count.toLocaleString("en").padEnd(11)} ${seconds.toFixed(1).padStart(7)} ${Math.round(count / seconds)
        .toLocaleString("en")
        .padStart(
          8,
        )} ${(bytes / 1024 / 1024 / seconds).toFixed(1).padStart(8)} ${mb(bytes).padStart(8)}   ${mb(peak - baseline)} MB (RSS ${mb(peak)} MB)`,
    );
  }
});
