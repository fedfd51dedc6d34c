/** The client address is read from the trusted (right) end of X-Forwarded-For. */
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { clientIp } from "./client-ip";

const ip = (xff: string | null, hops?: number, realIp?: string) => {
  const headers = new Headers();
  if (xff !== null) headers.set("x-forwarded-for", xff);
  if (realIp) headers.set("x-real-ip", realIp);
  return clientIp(headers, hops);
};

describe("clientIp", () => {
  it("defaults to one proxy: the address it appended, not what the client wrote before it, not what the client wrote before it", () => {
    expect(ip("203.0.113.7")).toBe("203.0.113.7");
    expect(ip("1.2.3.4, 5.6.7.8, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts from the right by TRUSTED_PROXIES", () => {
    expect(ip("forged, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: the leftmost is all there is.
    expect(ip("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("falls back to X-Real-IP, then to one shared key", () => {
    expect(ip(null, 1, "198.51.100.4")).toBe("198.51.100.4");
    expect(ip(" , ")).toBe("unknown");
    expect(ip(null)).toBe("unknown");
  });

  it("is bounded in the environment", () => {
    expect(() => parseEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "0" })).toThrow(/TRUSTED_PROXIES/);
  });
});
