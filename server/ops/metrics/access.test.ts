/** Who may scrape /api/metrics, decided without a request: deny unless configured; `next dev` opens loopback only. */
import { describe, expect, it } from "vitest";
import { parseNetworks } from "@/server/core/webhooks/address";
import { checkMetricsAccess } from "./access";

const none = { token: undefined, allow: [], development: false };

describe("checkMetricsAccess", () => {
  it("lets `next dev` answer loopback when nothing is configured, and nobody else, ever", () => {
    const dev = { ...none, development: true };
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect(checkMetricsAccess(dev, { authorization: null, ip }).ok).toBe(true);
      expect(checkMetricsAccess(none, { authorization: null, ip }).ok).toBe(false);
    }
    for (const ip of ["10.0.0.1", "unknown", "127.0.0.2"]) {
      expect(checkMetricsAccess(dev, { authorization: null, ip })).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("once configured, development is no exception", () => {
    const config = { token: "a-long-enough-token-1234", allow: [], development: true };
    expect(checkMetricsAccess(config, { authorization: null, ip: "127.0.0.1" })).toMatchObject({ status: 401 });
    const allow = { ...none, allow: parseNetworks("10.0.0.0/8").networks, development: true };
    expect(checkMetricsAccess(allow, { authorization: null, ip: "127.0.0.1" })).toMatchObject({ status: 403 });
  });
});
