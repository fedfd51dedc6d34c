import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const goodSecret = "k3J9x-uJQ2s7Vd1mZpP4rT8wY0aB6cE5fG";
const url = "postgres://u:p@127.0.0.1:5432/atrium";

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
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: goodSecret });
    expect(env.DATABASE_URL).toBe(url);
  });

  it("rejects a DATABASE_URL that is not postgres", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://localhost/db" });
    expect(attempt).toThrowError(EnvError);
    expect(attempt).toThrowError(/DATABASE_URL/);
  });
});
