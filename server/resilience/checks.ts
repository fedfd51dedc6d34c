/**
 * What issue 13 demands of every request and every subscriber around an outage, as soft expectations over one
 * scenario's Load: each failing requirement is reported with the requests or events that broke it, and the others
 * are still checked, so one run tells the whole story.
 */
import { expect } from "vitest";
import type { LiveListener } from "@/server/core/realtime/listener";
import { ledgerProblems, postEventIds } from "./ledger";
import type { Load } from "./load";
import { listOutcomes, type Outcome, sample } from "./requests";

/** A message a person can read: present, short, no stack trace, no connection string, no driver error code. */
function isPlain(message: string | undefined): boolean {
  return (
    typeof message === "string" &&
    message.length > 0 &&
    message.length <= 200 &&
    !/postgres(ql)?:\/\/|\n\s+at |ECONN|CONNECTION_|Error:/.test(message)
  );
}

const isRetryable503 = (o: Outcome) => o.status === 503 && o.retryAfter !== null && isPlain(o.message);
/** A repeat with an Idempotency-Key whose first request is still being worked on may be told so (409). */
const isKeyInUse = (o: Outcome) => o.what === "posts.create" && o.status === 409;

/** No request took longer than the bound (plus `slackMs` for scheduling on a loaded machine) to be answered. */
export function expectAnsweredWithinBound(load: Load, boundMs: number, slackMs: number) {
  const slow = load.log.outcomes.filter((o) => o.ms > boundMs + slackMs);
  expect.soft(slow, `answered later than ${boundMs} ms (+${slackMs}):\n${listOutcomes(slow, load.origin)}`).toEqual([]);
}

/** Every answer was a 200, or a 503 with Retry-After and a plain message (or "key in use" for a repeat). */
export function expectNoFailureButRetryable503s(load: Load) {
  const bad = load.log.outcomes.filter((o) => o.status !== 200 && !isRetryable503(o) && !isKeyInUse(o));
  expect.soft(bad, `answers other than 200 or a 503 with Retry-After:\n${listOutcomes(bad, load.origin)}`).toEqual([]);
}

/** Everything sent between `from` and `to` (the database down) was a 503 with Retry-After, health included. */
export function expectRefusedWhileDown(load: Load, from: number, to: number) {
  const during = load.log.between(from, to);
  expect.soft(during.length, "requests sent while the database was down").toBeGreaterThan(0);
  expect.soft(during.filter((o) => o.what === "health").length, "health checks while down").toBeGreaterThan(0);
  const wrong = during.filter((o) => !isRetryable503(o));
  expect.soft(wrong, `not a 503 with Retry-After while down:\n${listOutcomes(wrong, load.origin)}`).toEqual([]);
}

/** Everything sent from `up + recoveryMs` on succeeded, and health never failed again once it passed after `up`. */
export function expectRecovered(load: Load, up: number, recoveryMs: number) {
  const after = load.log.between(up + recoveryMs, Number.POSITIVE_INFINITY);
  expect.soft(after.length, "requests sent after the recovery window").toBeGreaterThan(0);
  const failed = after.filter((o) => o.status !== 200);
  expect
    .soft(
      failed,
      `failed more than ${recoveryMs} ms after the database was back:\n${listOutcomes(failed, load.origin)}`,
    )
    .toEqual([]);
  const health = load.log.between(up, Number.POSITIVE_INFINITY).filter((o) => o.what === "health");
  const firstOk = health.findIndex((o) => o.status === 200);
  const flapped = firstOk < 0 ? health : health.slice(firstOk).filter((o) => o.status !== 200);
  expect.soft(flapped, `health after the database was back:\n${listOutcomes(flapped, load.origin)}`).toEqual([]);
}

/** Each subscriber has exactly the log's post events after its first `ready` (up to `through`), once each, in order. */
export async function expectEveryEventOnce(load: Load, databaseUrl: string, through: number) {
  for (const client of load.clients) {
    const expected = await postEventIds(databaseUrl, client.from, through);
    const got = client.changes.map((c) => c.seq);
    const want = new Set(expected);
    const seen = new Set<number>();
    const extra: number[] = []; // not in the log, or received twice
    for (const seq of got) {
      if (!want.has(seq) || seen.has(seq)) extra.push(seq);
      seen.add(seq);
    }
    const missing = expected.filter((seq) => !seen.has(seq));
    const disordered = got.filter((seq, i) => i > 0 && seq <= (got[i - 1] as number));
    expect
      .soft(
        { missing: sample(missing), extra: sample(extra), disordered: sample(disordered) },
        `${client.name}: ${got.length} of ${expected.length} events after ${client.from} received, ` +
          `over ${client.connections} connections`,
      )
      .toEqual({ missing: sample([]), extra: sample([]), disordered: sample([]) });
    const reset = client.readies.slice(1).filter((r) => !r.resumed);
    expect.soft(reset, `${client.name}: reconnects that could not resume from their last id`).toEqual([]);
    expect.soft(client.oddities, `${client.name}: messages neither a change nor ready`).toEqual([]);
  }
}

/** Every create settled, none repeated into a second post, and the database holds every post whole (ledger.ts). */
export async function expectWritesWhole(load: Load, databaseUrl: string) {
  const { writers } = load;
  expect.soft(sample(writers.unsettled), "creates still unanswered after 30 s of retries").toEqual(sample([]));
  expect.soft(sample(writers.refusals), "creates refused for good").toEqual(sample([]));
  expect
    .soft(sample(writers.brokenReplays), "repeats with the same Idempotency-Key that returned another post")
    .toEqual(sample([]));
  const { unnumbered, ...lists } = await ledgerProblems(
    databaseUrl,
    writers.acknowledged.map((a) => a.id),
  );
  const sampled = Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, sample(list)]));
  const none = Object.fromEntries(Object.keys(lists).map((name) => [name, sample([])]));
  expect.soft({ ...sampled, unnumbered }, "the database after the writes").toEqual({ ...none, unnumbered: 0 });
}

/** One line of figures per scenario, for the log of the run. */
export function summarise(load: Load, name: string, up: number, listener: LiveListener) {
  const o = load.log.outcomes;
  const refused = o.filter((x) => x.status === 503).length;
  const slowest = Math.round(Math.max(...o.map((x) => x.ms)));
  const lastFailure = Math.max(...o.filter((x) => x.status !== 200).map((x) => x.startedAt));
  const retried = load.writers.acknowledged.filter((a) => a.attempts > 1).length;
  console.log(
    `[outage] ${name}: ${o.length} requests, ${refused} answered 503, slowest ${slowest} ms; ` +
      `${load.writers.acknowledged.length} posts acknowledged (${retried} after retries); ` +
      `subscribers got ${load.clients.map((c) => `${c.changes.length}/${c.connections} conn`).join(", ")}; ` +
      `listener delivered through ${listener.position}` +
      (Number.isFinite(lastFailure) ? `; last failed request sent ${Math.round(lastFailure - up)} ms after "up"` : ""),
  );
}
