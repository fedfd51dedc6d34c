/**
 * Demo files, so the demo shows file fields at work from the first start: a cover for the newest published posts and
 * an avatar for each demo user. The images are made here (gradients, initials), stored as uploads are (local
 * storage, a ledger row attached to its record), so they are served, thumbnailed and swept like any other.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import sharp from "sharp";
import type { StoredFile } from "../server/core/files/column";
import { LocalStorage } from "../server/core/files/local-storage";
import type { Database } from "./client";
import { files, posts, users } from "./schema";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const COVER_COLOURS = [
  ["#1e3a8a", "#38bdf8"],
  ["#14532d", "#a3e635"],
  ["#7c2d12", "#fbbf24"],
  ["#581c87", "#f472b6"],
  ["#0f172a", "#64748b"],
  ["#134e4a", "#5eead4"],
] as const;

/** Covers for this many of the newest published posts: enough to see them in lists, few enough to seed fast. */
const COVERED_POSTS = 12;

async function store(
  tx: Tx,
  storage: LocalStorage,
  image: Buffer,
  meta: { name: string; resource: string; field: string; recordId: string; uploadedBy: string },
): Promise<StoredFile> {
  const key = randomBytes(16).toString("hex");
  const temp = storage.tempPath(key);
  await fs.mkdir(path.dirname(temp), { recursive: true });
  await fs.writeFile(temp, image);
  await storage.store(key, temp);
  const info = await sharp(image).metadata();
  const [row] = await tx
    .insert(files)
    .values({
      key,
      storage: "local",
      type: `image/${info.format === "jpeg" ? "jpeg" : "png"}`,
      size: image.length,
      width: info.width ?? null,
      height: info.height ?? null,
      state: "attached",
      ...meta,
    })
    .returning();
  if (!row) throw new Error("seeding a file wrote no ledger row");
  return { id: row.id, name: row.name, size: row.size, type: row.type, width: row.width ?? 0, height: row.height ?? 0 };
}

function cover(i: number): Promise<Buffer> {
  const [from, to] = COVER_COLOURS[i % COVER_COLOURS.length] as readonly [string, string];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="1200" height="675" fill="url(#g)"/>
    <circle cx="${200 + ((i * 137) % 800)}" cy="${180 + ((i * 71) % 300)}" r="${120 + ((i * 29) % 120)}"
      fill="#ffffff" fill-opacity="0.12"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

function avatar(name: string, i: number): Promise<Buffer> {
  const [from, to] = COVER_COLOURS[(i + 2) % COVER_COLOURS.length] as readonly [string, string];
  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="256" height="256" fill="url(#g)"/>
    <text x="128" y="150" font-family="sans-serif" font-size="96" font-weight="600" fill="#fff"
      text-anchor="middle">${initials}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Stores the demo's covers and avatars under `uploadsDir` and attaches them, in the seed's transaction. */
export async function seedDemoFiles(tx: Tx, uploadsDir: string): Promise<void> {
  const storage = new LocalStorage(uploadsDir);
  const people = await tx.select({ id: users.id, name: users.name }).from(users);
  for (const [i, person] of people.entries()) {
    const file = await store(tx, storage, await avatar(person.name, i), {
      name: `${person.name.toLowerCase().replace(/\W+/g, "-")}.png`,
      resource: "users",
      field: "avatar",
      recordId: person.id,
      uploadedBy: person.id,
    });
    await tx.update(users).set({ avatar: file }).where(eq(users.id, person.id));
  }
  const published = await tx
    .select({ id: posts.id, authorId: posts.authorId, slug: posts.slug })
    .from(posts)
    .where(eq(posts.status, "published"))
    .orderBy(desc(posts.publishedAt))
    .limit(COVERED_POSTS);
  for (const [i, post] of published.entries()) {
    const file = await store(tx, storage, await cover(i), {
      name: `${post.slug}.jpg`,
      resource: "posts",
      field: "cover",
      recordId: post.id,
      uploadedBy: post.authorId,
    });
    await tx.update(posts).set({ cover: file }).where(eq(posts.id, post.id));
  }
}
