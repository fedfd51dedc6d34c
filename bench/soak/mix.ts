/**
 * The fixed mix of `bench:soak`: C clients, each sending its next request as soon as the last one answered (closed
 * loop). Per ten requests: 3 lists of published posts (a page of 1-5, newest first, authors expanded), 1 list of one
 * author's published posts (two filters, authors expanded), 3 gets of a known post (author expanded), 2 creates of a
 * published post and 1 retitle of one of the client's own posts. Reads are anonymous; writes are a member's, through
 * an API token, with an idempotency key. Every write is a published post, so every live subscriber may see every
 * event: the ids each one receives must be exactly the log's.
 */
import { randomUUID } from "node:crypto";
import { type Requests, trpcPath, type WriteLedger } from "./requests";

export interface MixSetup {
  /** `Bearer atr_...` of the members who write (client i writes as member i mod n). */
  writers: string[];
  /** User ids of members, for the by-author filter. */
  authorIds: string[];
  /** Ids of posts that exist, for gets; the run's creates are added. */
  postIds: string[];
  /** Distinguishes this run's posts (titles, bodies). */
  tag: string;
  /** Length of a created post's body, characters. */
  bodyChars: number;
}

const SCHEDULE = ["list", "get", "create", "list", "get", "update", "list by author", "list", "get", "create"] as const;

const FILLER = "A soak test writes this sentence again and again to give the post its length. ";

/** A post body of exactly `chars` characters that names its op key, so a post written twice can be found. */
export function bodyFor(key: string, chars: number): string {
  const head = `Written by bench:soak, op ${key}.\n\n`;
  return (head + FILLER.repeat(Math.ceil(chars / FILLER.length))).slice(0, Math.max(chars, head.length));
}

/** Where the op key sits in a body written by `bodyFor`, for SQL (`substring(body from ...)`). */
export const OP_KEY_PATTERN = "^Written by bench:soak, op ([0-9a-f-]{36})";

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** Creates one published post as `writer`; the id, or undefined when the write was given up or refused. */
export function createPost(
  requests: Requests,
  setup: MixSetup,
  writer: string,
  title: string,
  ledger: WriteLedger,
): Promise<string | undefined> {
  const key = randomUUID();
  const input = { title, body: bodyFor(key, setup.bodyChars), status: "published" };
  return requests.mutate("create", writer, input, ledger, key);
}

/** Runs client `index` until `running()` turns false; the write it is retrying when that happens is finished first. */
export async function runClient(
  requests: Requests,
  setup: MixSetup,
  index: number,
  ledger: WriteLedger,
  running: () => boolean,
): Promise<void> {
  const writer = setup.writers[index % setup.writers.length] ?? "";
  const mine: string[] = [];
  let created = 0;
  let edits = 0;
  // Clients start at different points of the schedule, so the mix holds at every moment, not only on average.
  for (let n = index * 3; running(); n++) {
    const op = SCHEDULE[n % SCHEDULE.length] ?? "list";
    if (op === "list") {
      const input = {
        page: 1 + Math.floor(Math.random() * 5),
        perPage: 20,
        filter: { status: { eq: "published" } },
        sort: ["-publishedAt"],
        expand: ["author"],
      };
      await requests.read(op, trpcPath("posts.list", input));
    } else if (op === "list by author") {
      const filter = { authorId: { eq: pick(setup.authorIds) }, status: { eq: "published" } };
      const input = { page: 1, perPage: 20, filter, sort: ["-createdAt"], expand: ["author"] };
      await requests.read(op, trpcPath("posts.list", input));
    } else if (op === "get") {
      await requests.read(op, trpcPath("posts.get", { id: pick(setup.postIds), expand: ["author"] }));
    } else if (op === "update" && mine.length > 0) {
      const id = pick(mine);
      await requests.mutate(
        "update",
        writer,
        { id, data: { title: `Soak ${setup.tag} edit ${index}.${++edits}` } },
        ledger,
      );
    } else {
      const id = await createPost(requests, setup, writer, `Soak ${setup.tag} post ${index}.${++created}`, ledger);
      if (id) {
        mine.push(id);
        setup.postIds.push(id);
      }
    }
  }
}

/** The first answer of every kind of request, before any load: a run whose requests all fail measures nothing. */
export async function preflight(requests: Requests, setup: MixSetup, ledger: WriteLedger): Promise<string[]> {
  const problems: string[] = [];
  const check = async (what: string, answer: Promise<{ status: number; body: string }>) => {
    const { status, body } = await answer;
    if (status !== 200) problems.push(`${what} answered ${status}: ${body.slice(0, 300)}`);
  };
  const listInput = { filter: { status: { eq: "published" } }, sort: ["-publishedAt"], expand: ["author"] };
  await check("posts.list", requests.read("list", trpcPath("posts.list", listInput)));
  await check("posts.get", requests.read("get", trpcPath("posts.get", { id: setup.postIds[0], expand: ["author"] })));
  const writer = setup.writers[0] ?? "";
  const id = await createPost(requests, setup, writer, `Soak ${setup.tag} preflight`, ledger);
  if (!id) problems.push(`posts.create failed: ${ledger.refused.join("; ") || "no id in the answer"}`);
  else {
    const updated = await requests.mutate(
      "update",
      writer,
      { id, data: { title: `Soak ${setup.tag} checked` } },
      ledger,
    );
    if (!updated) problems.push(`posts.update failed: ${ledger.refused.join("; ")}`);
  }
  return problems;
}
