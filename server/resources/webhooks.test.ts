/**
 * The app's webhooks through its own API (server callers, real PostgreSQL): admins only; the secret is made by the
 * server, never read back, shown exactly once and rotated through audited updates; every bad input is a 400 naming
 * its field (URLs on private networks included) and leaves the database as it was; the delivery log is read-only;
 * switching a disabled webhook back on clears its notice. Delivery itself: server/core/webhooks/webhooks.test.ts.
 */
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users, webhookDeliveries, webhookEvents, webhooks } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { User } from "@/server/core";
import { callers, rejection } from "@/server/testing";

let t: TestDatabase;
let api: ReturnType<typeof callers>;
let admin: User;
let editor: User;
let serial = 0;

beforeAll(async () => {
  // A receiver on this machine may be registered only because the operator allowed it.
  process.env.WEBHOOKS_ALLOW_PRIVATE = "127.0.0.9/32";
  t = await createTestDatabase();
  api = callers(t.db);
  const rows = await t.db
    .insert(users)
    .values([
      { name: "Ada Admin", email: "ada@webhooks.test", role: "admin" },
      { name: "Eve Editor", email: "eve@webhooks.test", role: "editor" },
    ])
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
    });
  [admin, editor] = rows as [User, User];
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  await t.drop();
});

const valid = () => ({
  name: `Hook ${++serial}`,
  url: `http://127.0.0.9:9/hook-${serial}`,
  resources: ["users"],
  events: ["create" as const, "update" as const],
});
const stored = async (id: string) => (await t.db.select().from(webhooks).where(eq(webhooks.id, id)))[0];
const webhookCount = async () => (await t.db.select({ n: count() }).from(webhooks))[0]?.n ?? 0;

describe("webhooks, as the admin sees them", () => {
  it("are created with a server-made secret that no read returns; the owner is the creator", async () => {
    const created = await api.as(admin).webhooks.create(valid());
    expect(created).not.toHaveProperty("secret");
    expect(created).toMatchObject({ active: true, ownerId: admin.id, consecutiveFailures: 0, secretShownAt: null });
    expect((await stored(created.id))?.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await api.as(admin).webhooks.list({});
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    expect(JSON.stringify(await api.as(admin).webhooks.get({ id: created.id }))).not.toContain("whsec_");
  });

  it("show the secret once; rotating makes a new one, shown once too; history says who, the trail never holds it", async () => {
    const created = await api.as(admin).webhooks.create(valid());
    const { secret } = await api.as(admin).webhookAdmin.revealSecret({ id: created.id });
    expect(secret).toBe((await stored(created.id))?.secret);
    const again = await rejection(api.as(admin).webhookAdmin.revealSecret({ id: created.id }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toContain("Rotate it");

    const rotated = await api.as(admin).webhookAdmin.rotateSecret({ id: created.id });
    expect(rotated.secret).not.toBe(secret);
    expect((await stored(created.id))?.secret).toBe(rotated.secret);
    expect((await rejection(api.as(admin).webhookAdmin.revealSecret({ id: created.id }))).code).toBe("CONFLICT");

    const trail = await t.db.select().from(auditLog).where(eq(auditLog.recordId, created.id));
    expect(trail.map((e) => [e.operation, e.actorId])).toEqual([
      ["create", admin.id],
      ["update", admin.id],
      ["update", admin.id],
    ]);
    expect(trail[1]?.after).toHaveProperty("secretShownAt");
    expect(trail[2]?.after).toHaveProperty("secretCreatedAt");
    expect(JSON.stringify(trail)).not.toContain("whsec_");

    // A revert to the first version brings back what an admin set, not a secret that was never shown.
    await api.as(admin).webhooks.revert({ id: created.id, entryId: trail[0]?.id as number });
    expect((await stored(created.id))?.secretShownAt).toBeInstanceOf(Date);
    expect((await rejection(api.as(admin).webhookAdmin.revealSecret({ id: created.id }))).code).toBe("CONFLICT");
  });

  it("are admins' only: editors are refused every procedure, anonymous callers must sign in", async () => {
    const created = await api.as(admin).webhooks.create(valid());
    for (const call of [
      api.as(editor).webhooks.list({}),
      api.as(editor).webhooks.create(valid()),
      api.as(editor).webhookAdmin.revealSecret({ id: created.id }),
      api.as(editor).webhookAdmin.rotateSecret({ id: created.id }),
      api.as(editor).webhookDeliveries.list({}),
    ]) {
      expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
    expect((await rejection(api.anonymous.webhooks.list({}))).code).toBe("UNAUTHORIZED");
    expect((await rejection(api.anonymous.webhookAdmin.rotateSecret({ id: created.id }))).code).toBe("UNAUTHORIZED");
    expect((await stored(created.id))?.secretShownAt).toBeNull();
  });

  it("switched back on after being disabled, start counting failures afresh and lose the notice", async () => {
    const created = await api.as(admin).webhooks.create(valid());
    await t.db
      .update(webhooks)
      .set({ active: false, consecutiveFailures: 20, disabledAt: new Date(), disabledReason: "Disabled after 20…" })
      .where(eq(webhooks.id, created.id));
    const enabled = await api.as(admin).webhooks.update({ id: created.id, data: { active: true } });
    expect(enabled).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
  });

  it("describe themselves in meta: the form's fields, never the secret", async () => {
    const meta = await api.as(admin).webhooks.meta();
    const names = meta.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["name", "url", "resources", "events", "active", "ownerId"]));
    expect(names).not.toContain("secret");
    expect(meta.can).toMatchObject({ list: true, create: true, update: true, delete: true });
    const deliveries = await api.as(admin).webhookDeliveries.meta();
    expect(deliveries.can).toMatchObject({ list: true, create: false, update: false, delete: false });
  });
});

describe("hostile input is a 400 on its field, and writes nothing", () => {
  const refusedOn = async (field: string, data: Record<string, unknown>, words?: string | RegExp) => {
    const before = await webhookCount();
    const error = await rejection(api.as(admin).webhooks.create({ ...valid(), ...data } as ReturnType<typeof valid>));
    expect(error.code, JSON.stringify(error)).toBe("BAD_REQUEST");
    const keys = Object.keys(error.fieldErrors).filter((key) => key === field || key.startsWith(`${field}.`));
    expect(keys, JSON.stringify(error.fieldErrors)).not.toEqual([]);
    if (words) expect(keys.flatMap((key) => error.fieldErrors[key] ?? []).join(" ")).toMatch(words);
    expect(await webhookCount()).toBe(before);
  };

  it.each([
    ["http://127.0.0.2/", /127\.0\.0\.2 is a loopback address: webhooks may not call private networks/],
    ["http://169.254.169.254/latest/meta-data", /169\.254\.169\.254 is a link-local address/],
    ["http://[::1]:8080/", /::1 is a loopback address/],
    ["http://localhost:8080/", /localhost resolves to a loopback address/],
    ["http://10.0.0.5/", /private address/],
    ["ftp://files.example.com/", /must start with http/],
    ["http://user:pass@example.com/", /user name or password/],
    ["a URL of 2,100 characters", /at most 2048 characters/],
  ])("url %s", async (url, words) => {
    await refusedOn(
      "url",
      { url: url.startsWith("http") || url.startsWith("ftp") ? url : `https://example.com/${"x".repeat(2_100)}` },
      words,
    );
  });

  it("resources that are not resources, or the webhook tables themselves", async () => {
    await refusedOn("resources", { resources: ["nope"] }, /"nope".*Choose from/);
    await refusedOn("resources", { resources: ["webhooks"] }, /"webhooks"/);
    await refusedOn("resources", { resources: ["webhookDeliveries"] });
    await refusedOn("resources", { resources: [] });
    await refusedOn("resources", { resources: Array.from({ length: 51 }, (_, i) => `r${i}`) });
  });

  it("events and names out of bounds", async () => {
    await refusedOn("events", { events: [] });
    await refusedOn("events", { events: ["explode"] });
    await refusedOn("name", { name: "" });
    await refusedOn("name", { name: "n".repeat(101) });
  });

  it("fields only the server sets", async () => {
    for (const field of ["secret", "consecutiveFailures", "disabledAt", "secretShownAt"]) {
      await refusedOn(field, { [field]: field === "disabledAt" || field === "secretShownAt" ? new Date() : "x" });
    }
  });

  it("property: any private address or junk as the URL is refused on the url field", async () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const privateUrl = fc.oneof(
      fc.tuple(octet, octet, octet).map(([a, b, c]) => `http://10.${a}.${b}.${c}/`),
      fc.tuple(octet, octet).map(([a, b]) => `https://192.168.${a}.${b}:8443/x`),
      fc.tuple(octet, octet).map(([a, b]) => `http://169.254.${a}.${b}/`),
      fc.integer({ min: 0, max: 0xffff }).map((n) => `http://[fe80::${n.toString(16)}]/`),
      fc.tuple(octet, octet).map(([a, b]) => `http://[::ffff:127.0.${a}.${b}]/`),
    );
    const junk = fc.string({ maxLength: 60 }).filter((s) => !/^https?:\/\//i.test(s));
    await fc.assert(
      fc.asyncProperty(fc.oneof(privateUrl, junk), async (url) => {
        await refusedOn("url", { url });
      }),
      { numRuns: 60 },
    );
  });

  it("past the limit of webhooks, a create is refused on the form", async () => {
    const room = 100 - (await webhookCount());
    await t.db
      .insert(webhooks)
      .values(
        Array.from({ length: room }, (_, i) => ({ name: `Filler ${i}`, url: "https://example.com/", secret: "x" })),
      );
    await refusedOn("_form", {}, /100 webhooks already/);
    await t.db.delete(webhooks).where(eq(webhooks.secret, "x"));
  });
});

describe("the delivery log", () => {
  it("is read by admins and written by nobody through the API", async () => {
    const hook = await api.as(admin).webhooks.create(valid());
    const [event] = await t.db
      .insert(webhookEvents)
      .values({ webhookId: hook.id, resource: "users", recordId: admin.id, event: "update", operation: "update" })
      .returning();
    const [delivery] = await t.db
      .insert(webhookDeliveries)
      .values({
        webhookId: hook.id,
        eventId: event?.id as string,
        type: "users.update",
        recordId: admin.id,
        attempt: 1,
        status: "failed",
        statusCode: 500,
        latencyMs: 12,
        error: "HTTP 500",
      })
      .returning();
    const id = delivery?.id as string;
    const listed = await api.as(admin).webhookDeliveries.list({ filter: { webhookId: { eq: hook.id } } });
    expect(listed.items.map((d) => d.id)).toEqual([id]);
    for (const call of [
      api.as(admin).webhookDeliveries.update({ id, data: { status: "succeeded" } }),
      api.as(admin).webhookDeliveries.delete({ id }),
    ]) {
      expect((await rejection(call)).code).toBe("FORBIDDEN");
    }
    expect((await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]?.status).toBe("failed");
    const missing = await rejection(
      api.as(admin).webhookAdmin.redeliver({ deliveryId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });
});
