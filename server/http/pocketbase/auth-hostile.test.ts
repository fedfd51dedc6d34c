/**
 * What an attacker sends PocketBase's auth endpoints, on a real PostgreSQL: forged, altered, expired and foreign
 * tokens (another key, `alg: none`, another algorithm or claim, a session cookie, a file token) are refused by
 * resolveActor and auth-refresh alike; hostile bodies (not JSON, huge, wrong types, NUL, `__proto__`, repeated form
 * fields) are a 4xx in PocketBase's shape naming the field, and write nothing. Generated inputs where they vary.
 */
import { hkdfSync } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { GONE_ACCOUNT, resolveActor, SESSION_ENDED } from "@/server/auth/actor";
import { issuePocketBaseToken } from "@/server/auth/pocketbase-token";
import { authSecret } from "@/server/auth/secret";
import { createSession, SESSION_LIFETIME_SECONDS } from "@/server/auth/sessions";
import { createUserWithPassword, signInCookie } from "@/server/auth/testing";
import { INVALID_TOKEN } from "@/server/auth/tokens";
import { createFileToken } from "@/server/core/files/token";
import { MAX_AUTH_BODY_BYTES } from "./auth-form";
import { type AuthHarness, authHarness, writeCounts } from "./auth-testing";

const PASSWORD = "hostile pocketbase passphrase 77";
let t: TestDatabase;
let h: AuthHarness;
let ada: { id: string; email: string };
let adaSession: string;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claimsOf = (userId: string, sid: string, extra: Record<string, unknown> = {}) => ({
  id: userId,
  type: "auth",
  collectionId: "users",
  refreshable: true,
  sid,
  exp: Math.floor(Date.now() / 1000) + 3600,
  ...extra,
});
/** The key pocketbase-token.ts derives, rebuilt here to forge tokens that differ from ours in one claim only. */
const ourKey = () => new Uint8Array(hkdfSync("sha256", authSecret(), "", "atrium pocketbase: auth token hs256 v1", 32));
const sign = (payload: Record<string, unknown>, key: Uint8Array, alg = "HS256") =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT" }).sign(key);

beforeAll(async () => {
  t = await createTestDatabase();
  h = await authHarness(t);
  ada = await createUserWithPassword(t.db, { name: "Ada", email: "ada@pb-hostile.test", role: "admin" }, PASSWORD);
  adaSession = await createSession(t.db, {
    userId: ada.id,
    method: "api:password",
    userAgent: "",
    ip: "",
    secondFactorPending: false,
  });
}, 60_000);
afterAll(() => t.drop());

/** Refused by resolveActor with `refused`, raw and as Bearer, and by auth-refresh with a 401. */
async function expectRefused(token: string, refused: string) {
  for (const authorization of [token, `Bearer ${token}`]) {
    expect(await resolveActor(t.db, new Headers({ authorization }))).toEqual({ actor: { kind: "anonymous" }, refused });
    const answer = await h.call("auth-refresh", { headers: { authorization } });
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ status: 401, data: {} });
    expect(answer.json).not.toHaveProperty("token");
  }
}

describe("tokens that are not ours, or no longer", () => {
  it("accepts ours (the control), refuses every forgery as an invalid token", async () => {
    const { token } = await issuePocketBaseToken({ userId: ada.id, sessionId: adaSession });
    expect((await resolveActor(t.db, new Headers({ authorization: token }))).actor.kind).toBe("user");

    const [header, payload] = token.split(".");
    const otherPayload = b64({ ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()), role: "x" });
    const cookie = await signInCookie(t.db, ada.email, PASSWORD);
    const forgeries = {
      "alg none, no signature": `${b64({ alg: "none", typ: "JWT" })}.${b64(claimsOf(ada.id, adaSession))}.`,
      "alg none, a signature": `${b64({ alg: "none", typ: "JWT" })}.${b64(claimsOf(ada.id, adaSession))}.AAAA`,
      "another key": await sign(claimsOf(ada.id, adaSession), new Uint8Array(32).fill(7)),
      "AUTH_SECRET itself as the key": await sign(claimsOf(ada.id, adaSession), new TextEncoder().encode(authSecret())),
      "our key, HS512": await sign(claimsOf(ada.id, adaSession), ourKey(), "HS512"),
      "our key, type file": await sign(claimsOf(ada.id, adaSession, { type: "file" }), ourKey()),
      "our key, another collection": await sign(
        claimsOf(ada.id, adaSession, { collectionId: "_superusers" }),
        ourKey(),
      ),
      "our key, no sid": await sign(claimsOf(ada.id, adaSession, { sid: undefined }), ourKey()),
      "our key, no exp": await sign({ ...claimsOf(ada.id, adaSession), exp: undefined }, ourKey()),
      "our key, id not a uuid": await sign(claimsOf("1 or 1=1", adaSession), ourKey()),
      "our payload altered, our signature": `${header}.${otherPayload}.${token.split(".")[2]}`,
      "a session cookie's value": cookie.slice(cookie.indexOf("=") + 1),
      "a file token": createFileToken(ada.id, authSecret()).token,
    };
    for (const [name, forged] of Object.entries(forgeries)) {
      await expect(expectRefused(forged, INVALID_TOKEN), name).resolves.toBeUndefined();
    }
  });

  it("refuses an expired token of ours, another user's session, and a deleted user, each with its reason", async () => {
    const long = Date.now() - (SESSION_LIFETIME_SECONDS + 60) * 1000;
    await expectRefused(
      (await issuePocketBaseToken({ userId: ada.id, sessionId: adaSession }, long)).token,
      SESSION_ENDED,
    );

    const bob = await createUserWithPassword(
      t.db,
      { name: "Bob", email: "bob@pb-hostile.test", role: "member" },
      PASSWORD,
    );
    const bobSession = await createSession(t.db, {
      userId: bob.id,
      method: "api:password",
      userAgent: "",
      ip: "",
      secondFactorPending: false,
    });
    // Ada's id with Bob's session: the session joins only its own user, so it is no session at all.
    await expectRefused((await issuePocketBaseToken({ userId: ada.id, sessionId: bobSession })).token, SESSION_ENDED);

    const { token } = await issuePocketBaseToken({ userId: bob.id, sessionId: bobSession });
    await t.db.delete(users).where(eq(users.id, bob.id));
    await expectRefused(token, GONE_ACCOUNT);
  });

  it("never makes a user of any header value, or of a token with one character changed", async () => {
    const { token } = await issuePocketBaseToken({ userId: ada.id, sessionId: adaSession });
    const printable = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,300}$/);
    const jwtLike = fc
      .tuple(fc.base64String(), fc.base64String(), fc.base64String({ minLength: 4 }))
      .map(([a, b, c]) => `eyJ${a}.${b}.${c}`.replace(/[+/=]/g, "_"));
    await fc.assert(
      fc.asyncProperty(fc.oneof(printable, jwtLike), async (value) => {
        const { actor } = await resolveActor(t.db, new Headers({ authorization: value }));
        expect(actor.kind).toBe("anonymous");
      }),
      { numRuns: 150 },
    );
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const decoded = (jwt: string) => jwt.split(".").map((part) => Buffer.from(part, "base64url").toString("hex"));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.nat({ max: 63 }), async (at, pick) => {
        const was = token[at] ?? "";
        const replacement = alphabet.charAt(alphabet.charAt(pick) === was ? (pick + 1) % 64 : pick);
        // A dot replaced changes the shape only (the generator above covers shapes).
        fc.pre(was !== ".");
        const altered = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
        // The last character of a base64url part may carry unused bits: a change there can decode to the same bytes,
        // which is the same token, not a forgery.
        fc.pre(decoded(altered).join(".") !== decoded(token).join("."));
        expect((await resolveActor(t.db, new Headers({ authorization: altered }))).actor.kind).toBe("anonymous");
      }),
      { numRuns: 150 },
    );
  });
});

const POSTS = [
  "auth-with-password",
  "request-password-reset",
  "confirm-password-reset",
  "request-verification",
  "confirm-verification",
];

/** What each endpoint reads, with a value of the right kind, to corrupt one at a time. */
const VALID: Record<string, Record<string, string>> = {
  "auth-with-password": { identity: "ada@pb-hostile.test", password: PASSWORD },
  "request-password-reset": { email: "ada@pb-hostile.test" },
  "confirm-password-reset": {
    token: "A".repeat(43),
    password: "a long new password",
    passwordConfirm: "a long new password",
  },
  "request-verification": { email: "ada@pb-hostile.test" },
  "confirm-verification": { token: "A".repeat(43) },
};

describe("hostile bodies", () => {
  it("names a field of the wrong type, with a NUL, too long, or missing; and writes nothing", async () => {
    const before = await writeCounts(t);
    const wrong = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
      fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
      fc.string({ maxLength: 5 }).map((s) => `${s}\ud800`),
      fc.constant("x".repeat(2000)),
      fc.constantFrom(null, ""),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), fc.nat(), wrong, async (action, which, value) => {
        const fields = VALID[action] ?? {};
        const names = Object.keys(fields);
        const field = names[which % names.length] ?? "";
        const answer = await h.call(action, { body: { ...fields, [field]: value, extra: { ignored: true } } });
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({ status: 400, message: expect.any(String) });
        expect(answer.json?.data).toHaveProperty(field, { code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 200 },
    );
    expect(await writeCounts(t)).toEqual(before);
  });

  it("refuses bodies that are not an object of fields, too large, or of another type, and writes nothing", async () => {
    const before = await writeCounts(t);
    const cases: { raw: BodyInit; contentType?: string; status: number }[] = [
      { raw: "identity=ada", status: 400 },
      { raw: "[1,2]", status: 400 },
      { raw: "null", status: 400 },
      { raw: '"text"', status: 400 },
      { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400 },
      { raw: `{"identity":"${"a".repeat(MAX_AUTH_BODY_BYTES)}"}`, status: 413 },
      { raw: "<xml/>", contentType: "application/xml", status: 415 },
    ];
    for (const action of POSTS) {
      for (const { raw, contentType, status } of cases) {
        const answer = await h.call(action, { raw, ...(contentType ? { contentType } : {}) });
        expect(answer.status, `${action} ${String(raw).slice(0, 20)}`).toBe(status);
        expect(answer.json).toMatchObject({ status, message: expect.any(String), data: {} });
      }
    }
    // A body that declares itself too large is refused before a byte is read.
    const declared = await h.fetch("http://localhost/api/collections/users/auth-with-password", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_AUTH_BODY_BYTES + 1) },
      body: "{}".padEnd(MAX_AUTH_BODY_BYTES + 1, " "),
    });
    expect(declared.status).toBe(413);
    expect(await writeCounts(t)).toEqual(before);
  });

  it("refuses __proto__ as a key, naming it, without it standing in for the fields", async () => {
    const before = await writeCounts(t);
    const raw = `{"__proto__":{"identity":"ada@pb-hostile.test","password":"${PASSWORD}"}}`;
    const answer = await h.call("auth-with-password", { raw });
    expect(answer.status).toBe(400);
    expect(Object.hasOwn(answer.json?.data as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).identity).toBeUndefined();
    const constructorKey = await h.call("request-password-reset", { raw: '{"email":"a@b.co","constructor":1}' });
    expect(constructorKey.status).toBe(400);
    expect(Object.hasOwn(constructorKey.json?.data as object, "constructor")).toBe(true);
    expect(await writeCounts(t)).toEqual(before);
  });

  it("refuses a form field sent twice instead of picking one", async () => {
    const before = await writeCounts(t);
    const answer = await h.call("auth-with-password", {
      raw: `identity=ada%40pb-hostile.test&identity=eve%40x.test&password=${encodeURIComponent(PASSWORD)}`,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(answer).toMatchObject({ status: 400, json: { data: { identity: { code: "validation_invalid_type" } } } });
    expect(await writeCounts(t)).toEqual(before);
  });

  it("answers any text sent as JSON with a 4xx in PocketBase's shape, never a token or a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POSTS),
        fc.oneof(fc.string({ maxLength: 200 }), fc.json()),
        async (action, raw) => {
          const answer = await h.call(action, { raw });
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(answer.json).toMatchObject({ status: answer.status, message: expect.any(String) });
        },
      ),
      { numRuns: 150 },
    );
  });
});
