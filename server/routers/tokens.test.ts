/**
 * The tokens router over HTTP (fetch adapter, superjson, the app's request context), with real session cookies from
 * the Auth.js handler and real API tokens, checking the database after each call.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { resolveActor } from "@/server/auth/actor";
import { createApiToken, createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { hashApiToken } from "@/server/auth/tokens";
import { createRequestContext, router } from "@/server/trpc";
import { tokensRouter } from "./tokens";

let t: TestDatabase;
const app = router({ tokens: tokensRouter });
const PASSWORD = "a long enough password";
const ids: Record<"admin" | "mia" | "max", string> = { admin: "", mia: "", max: "" };
const cookies: Record<"admin" | "mia" | "max", string> = { admin: "", mia: "", max: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [key, role] of [
    ["admin", "admin"],
    ["mia", "member"],
    ["max", "member"],
  ] as const) {
    const user = await createUserWithPassword(t.db, { name: key, email: `${key}@test.local`, role }, PASSWORD);
    ids[key] = user.id;
    cookies[key] = await signInCookie(t.db, user.email, PASSWORD);
  }
});
afterAll(() => t.drop());

interface Envelope {
  result?: { data: { json: unknown; meta?: unknown } };
  error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

interface Token {
  id: string;
  name: string;
  revokedAt: Date | null;
}

async function call<T = Record<string, unknown>>(
  path: string,
  input: unknown,
  headers: Record<string, string>,
  method?: "GET" | "POST",
) {
  const verb = method ?? (/\.(list|listForUser)$/.test(path) ? "GET" : "POST");
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req =
    verb === "GET"
      ? new Request(`http://localhost/api/trpc/${path}?input=${encoded}`, { headers })
      : new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(superjson.serialize(input)),
        });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: app,
    createContext: () => createRequestContext(t.db, req.headers),
  });
  const body = (await res.json()) as Envelope;
  const data = body.result
    ? superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0])
    : null;
  return { status: res.status, data: data as T | null, error: body.error?.json };
}

const as = (who: keyof typeof cookies) => ({ cookie: cookies[who] });

describe("tokens router over HTTP", () => {
  it("creates a token once, stores only its hash, and the token then authenticates as its owner", async () => {
    const { status, data } = await call(
      "tokens.create",
      { name: "CI deploy", scope: "write", expiresInDays: 30 },
      as("mia"),
    );
    expect(status).toBe(200);
    const token = data?.token as string;
    const record = data?.record as Record<string, unknown>;
    expect(token).toMatch(/^atr_[\w-]{43}$/);
    expect(record).toMatchObject({ name: "CI deploy", scope: "write", userId: ids.mia, prefix: token.slice(0, 12) });
    expect(Object.keys(record).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scope", "userId"].sort(),
    );
    const days = ((record.expiresAt as Date).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);

    const [row] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, record.id as string));
    expect(row?.tokenHash).toBe(hashApiToken(token));
    const { actor } = await resolveActor(t.db, new Headers({ authorization: `Bearer ${token}` }));
    expect(actor).toMatchObject({ kind: "user", via: "token", scope: "write", user: { id: ids.mia } });
  });

  it("lists only the caller's tokens, without hashes, in the list contract", async () => {
    await call("tokens.create", { name: "Max's script", scope: "read" }, as("max"));
    const { data } = await call("tokens.list", undefined, as("mia"));
    expect(data).toMatchObject({ page: 1, perPage: 50, totalItems: 1, totalPages: 1 });
    const items = data?.items as Record<string, unknown>[];
    expect(items.map((i) => i.name)).toEqual(["CI deploy"]);
    expect(JSON.stringify(data)).not.toMatch(/tokenHash|token_hash/);
  });

  it("validates the input with field errors", async () => {
    const { status, error } = await call("tokens.create", { name: " ", scope: "admin", expiresInDays: 0 }, as("mia"));
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {}).sort()).toEqual(["expiresInDays", "name", "scope"]);
  });

  it("revokes the caller's own token, which then stops working; another user's answers NOT_FOUND", async () => {
    const created = await call<{ token: string; record: Token }>(
      "tokens.create",
      { name: "short-lived", scope: "read" },
      as("mia"),
    );
    const token = created.data?.token ?? "";
    const id = created.data?.record.id ?? "";

    const byMax = await call("tokens.revoke", { id }, as("max"));
    expect(byMax.status).toBe(404);
    expect((await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.revokedAt).toBeNull();

    const byMia = await call<Token>("tokens.revoke", { id }, as("mia"));
    expect(byMia.status).toBe(200);
    expect(byMia.data?.revokedAt).toBeInstanceOf(Date);
    expect((await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.revokedAt).toBeInstanceOf(Date);
    expect((await resolveActor(t.db, new Headers({ authorization: `Bearer ${token}` }))).refused).toBe(
      "Invalid API token.",
    );
    expect((await call("tokens.revoke", { id }, as("mia"))).status).toBe(404);
  });

  it("refuses anonymous callers and API tokens: tokens are managed from a browser session", async () => {
    expect((await call("tokens.list", undefined, {})).status).toBe(401);
    const token = await createApiToken(t.db, ids.mia, { scope: "write" });
    const byToken = await call(
      "tokens.create",
      { name: "escalate", scope: "write" },
      { authorization: `Bearer ${token}` },
    );
    expect(byToken.status).toBe(403);
    expect(await t.db.select().from(apiTokens).where(eq(apiTokens.name, "escalate"))).toEqual([]);
  });

  it("lets admins list and revoke any user's tokens, and nobody else", async () => {
    const maxTokens = await call<{ items: Token[] }>("tokens.list", undefined, as("max"));
    const id = maxTokens.data?.items[0]?.id ?? "";

    expect((await call("tokens.listForUser", { userId: ids.max }, as("mia"))).status).toBe(403);
    expect((await call("tokens.revokeAny", { id }, as("mia"))).status).toBe(403);

    const listed = await call<{ items: Token[] }>("tokens.listForUser", { userId: ids.max }, as("admin"));
    expect(listed.data?.items.map((i) => i.id)).toEqual([id]);
    const revoked = await call("tokens.revokeAny", { id }, as("admin"));
    expect(revoked.status).toBe(200);
    expect((await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.revokedAt).toBeInstanceOf(Date);
    expect((await call("tokens.list", undefined, as("max"))).data?.totalItems).toBe(0);
  });
});
