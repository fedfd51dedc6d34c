import { describe, expect, it } from "vitest";
import { DEFAULT_ADMIN_PASSWORD, EnvError, parseEnv, TEST_AUTH_SECRET } from "./env";

const goodSecret = "k3J9x-uJQ2s7Vd1mZpP4rT8wY0aB6cE5fG";
const url = "postgres://u:p@127.0.0.1:5432/atrium";
const production = {
  NODE_ENV: "production",
  DATABASE_URL: url,
  AUTH_SECRET: goodSecret,
  ADMIN_PASSWORD: "a-real-admin-pw",
};

describe("parseEnv", () => {
  it("accepts a development environment without secrets", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.NODE_ENV).toBe("development");
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.DATABASE_POOL_MAX).toBe(10);
  });

  it("refuses production without AUTH_SECRET and names it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url })).toThrowError(/AUTH_SECRET is missing/);
  });

  it("refuses production without DATABASE_URL and names it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: goodSecret })).toThrowError(/DATABASE_URL is missing/);
  });

  it("refuses a published default secret and a short one in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: "changeme" })).toThrowError(
      /published default/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: "short-but-custom" })).toThrowError(
      /too short/,
    );
  });

  it("accepts production with real secrets", () => {
    const env = parseEnv(production);
    expect(env.DATABASE_URL).toBe(url);
    expect(env.ADMIN_PASSWORD).toBe("a-real-admin-pw");
  });

  it("refuses production without ADMIN_PASSWORD, with the development default, or a short one, naming it", () => {
    expect(() => parseEnv({ ...production, ADMIN_PASSWORD: undefined })).toThrowError(/ADMIN_PASSWORD is missing/);
    expect(() => parseEnv({ ...production, ADMIN_PASSWORD: DEFAULT_ADMIN_PASSWORD })).toThrowError(
      /ADMIN_PASSWORD is the published development default/,
    );
    expect(() => parseEnv({ ...production, ADMIN_PASSWORD: "short" })).toThrowError(/ADMIN_PASSWORD is too short/);
  });

  it("uses the documented admin defaults in development", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.ADMIN_EMAIL).toBe("admin@example.com");
    expect(env.ADMIN_PASSWORD).toBe("atrium-admin");
    expect(parseEnv({ NODE_ENV: "development", ADMIN_EMAIL: "Boss@Example.com" }).ADMIN_EMAIL).toBe("boss@example.com");
  });

  it("fills a fixed AUTH_SECRET only under NODE_ENV=test, and production rejects that value", () => {
    expect(parseEnv({ NODE_ENV: "test" }).AUTH_SECRET).toBe(TEST_AUTH_SECRET);
    expect(() => parseEnv({ ...production, AUTH_SECRET: TEST_AUTH_SECRET })).toThrowError(/published default/);
  });

  it("refuses half an OAuth app, naming the missing variable", () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: "id" })).toThrowError(/AUTH_GITHUB_SECRET is missing/);
    expect(() => parseEnv({ AUTH_GOOGLE_SECRET: "secret" })).toThrowError(/AUTH_GOOGLE_ID is missing/);
    expect(parseEnv({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" }).AUTH_GITHUB_ID).toBe("id");
  });

  it("reads the rate limits, with the documented defaults", () => {
    const env = parseEnv({});
    expect([env.AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL, env.AUTH_RATE_LIMIT_SIGNIN_PER_IP]).toEqual([5, 30]);
    expect(env.AUTH_RATE_LIMIT_SIGNUP_PER_IP).toBe(10);
    expect(parseEnv({ AUTH_RATE_LIMIT_SIGNIN_PER_IP: "1000" }).AUTH_RATE_LIMIT_SIGNIN_PER_IP).toBe(1000);
    expect(() => parseEnv({ AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL: "0" })).toThrowError(/AUTH_RATE_LIMIT_SIGNIN_PER_EMAIL/);
  });

  it("reads the live stream length: 5 minutes by default, 5 s to an hour, the variable named when wrong", () => {
    expect(parseEnv({}).LIVE_STREAM_MAX_SECONDS).toBe(300);
    expect(parseEnv({ LIVE_STREAM_MAX_SECONDS: "60" }).LIVE_STREAM_MAX_SECONDS).toBe(60);
    expect(() => parseEnv({ LIVE_STREAM_MAX_SECONDS: "2" })).toThrowError(/LIVE_STREAM_MAX_SECONDS/);
    expect(() => parseEnv({ LIVE_STREAM_MAX_SECONDS: "soon" })).toThrowError(/LIVE_STREAM_MAX_SECONDS/);
  });

  it("reads the sequencer's least gap: 25 ms by default, 0 to 1000, the variable named when wrong", () => {
    expect(parseEnv({}).LIVE_SEQUENCE_GAP_MS).toBe(25);
    expect(parseEnv({ LIVE_SEQUENCE_GAP_MS: "0" }).LIVE_SEQUENCE_GAP_MS).toBe(0);
    for (const bad of ["-1", "1001", "2.5", "soon", "1e400"]) {
      expect(() => parseEnv({ LIVE_SEQUENCE_GAP_MS: bad })).toThrowError(/LIVE_SEQUENCE_GAP_MS/);
    }
  });

  it("reads the request limits of /api/trpc, with the documented defaults", () => {
    const env = parseEnv({});
    expect(env.TRPC_MAX_BATCH).toBe(10);
    expect(env.API_BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(env.API_MAX_URL_BYTES).toBe(16_384);
    expect([env.API_RATE_LIMIT_PER_IP, env.API_RATE_LIMIT_PER_USER]).toEqual([600, 1_200]);
    expect(env.LIVE_STREAMS_PER_CLIENT).toBe(20);
    expect(parseEnv({ API_RATE_LIMIT_PER_IP: "1000000" }).API_RATE_LIMIT_PER_IP).toBe(1_000_000);
    expect(() => parseEnv({ TRPC_MAX_BATCH: "0" })).toThrowError(/TRPC_MAX_BATCH/);
    expect(() => parseEnv({ API_BODY_LIMIT_BYTES: "1MB" })).toThrowError(/API_BODY_LIMIT_BYTES/);
    expect(() => parseEnv({ LIVE_STREAMS_PER_CLIENT: "-1" })).toThrowError(/LIVE_STREAMS_PER_CLIENT/);
  });

  it("reads ALLOWED_ORIGINS as a list of normalised origins, and names an entry that is not one", () => {
    expect(parseEnv({}).ALLOWED_ORIGINS).toEqual([]);
    expect(
      parseEnv({ ALLOWED_ORIGINS: " https://App.Example.com/ ,http://localhost:5173,https://app.example.com:443" })
        .ALLOWED_ORIGINS,
    ).toEqual(["https://app.example.com", "http://localhost:5173"]);
    for (const bad of [
      "*",
      "app.example.com",
      "https://app.example.com/path",
      "ftp://files.example",
      "https://*.example",
    ]) {
      expect(() => parseEnv({ ALLOWED_ORIGINS: bad }), bad).toThrowError(/ALLOWED_ORIGINS: .* is not an origin/);
    }
  });

  it("reads the webhook allow-list as networks, and names a bad entry", () => {
    const env = parseEnv({ WEBHOOKS_ALLOW_PRIVATE: "127.0.0.1, 10.0.0.0/8" });
    expect(env.WEBHOOKS_ALLOW_PRIVATE.map((n) => [n.version, n.prefix])).toEqual([
      [4, 32],
      [4, 8],
    ]);
    expect(parseEnv({}).WEBHOOKS_ALLOW_PRIVATE).toEqual([]);
    expect(() => parseEnv({ WEBHOOKS_ALLOW_PRIVATE: "localhost" })).toThrowError(
      /WEBHOOKS_ALLOW_PRIVATE: "localhost" is not an IP address/,
    );
    expect(() => parseEnv({ WEBHOOKS_TIMEOUT_SECONDS: "600" })).toThrowError(/WEBHOOKS_TIMEOUT_SECONDS/);
  });

  it("rejects a DATABASE_URL that is not postgres", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://localhost/db" });
    expect(attempt).toThrowError(EnvError);
    expect(attempt).toThrowError(/DATABASE_URL/);
  });
});
